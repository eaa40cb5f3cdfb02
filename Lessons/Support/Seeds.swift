import ConcurrencyRuntime
import Foundation

// Helpers for cells that compare interleavings: run the same code under a chosen seed, in a
// virtual runtime of its own, and show two runs side by side.

/// Runs `body` in a fresh virtual runtime whose scheduler uses `seed`, and returns the lines
/// it printed: the same lines for the same seed, wherever the cell itself runs.
func linesPrinted(seed: UInt64, _ body: @escaping @Sendable () throws -> Void) throws
  -> [String]
{
  let lines = Lines()
  let runtime = Runtime.virtual(seed: seed) { piece in lines.append(piece.text) }
  try runtime.run(body)
  return lines.all
}

/// Prints runs as columns under their titles, one line of each per row.
func sideBySide(_ runs: [[String]], titles: [String], width: Int = 36) {
  func pad(_ text: String) -> String {
    text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
  }
  var table = titles.dropLast().map(pad).joined() + (titles.last ?? "") + "\n"
  for row in 0..<(runs.map(\.count).max() ?? 0) {
    let cells = runs.map { row < $0.count ? $0[row] : "" }
    table += cells.dropLast().map(pad).joined() + (cells.last ?? "") + "\n"
  }
  Runtime.current.console.write(table)
}

/// Text written from any thread, split into lines.
private final class Lines: @unchecked Sendable {
  private let lock = NSLock()
  private var text = ""
  func append(_ piece: String) { lock.withLock { text += piece } }
  var all: [String] { lock.withLock { text.split(separator: "\n").map(String.init) } }
}
