import Dispatch
import Foundation
import GoldenFiles
import Testing

/// The diff against GNU `diff -u` itself, where the system has it: on the edits a transcript
/// goes through, where the right diff is unambiguous, the output must be the same, byte for byte.
///
/// Not compared: changes that surround a line repeated many times (blank lines between
/// changed ones). GNU diff then gives up a shortest diff on purpose (it discards "confusing"
/// lines); this diff stays shortest, as `git diff` does (see `UnifiedDiffTests`).
@Suite("UnifiedDiff agrees with GNU diff -u", .enabled(if: GNUDiff.isAvailable))
struct UnifiedDiffConformanceTests {
  private static let original = TestText.transcript(240)

  /// Edits like those a changed lesson makes to its transcript.
  private static let edits: [(String, @Sendable (inout [String]) -> Void)] = [
    ("one line reworded", { $0[37] = "[09:00:04] result 37: 371" }),
    ("a line inserted", { $0.insert("[09:00:02] an extra line", at: 20) }),
    ("lines deleted", { $0.removeSubrange(100..<104) }),
    ("two lines swapped", { $0.swapAt(60, 61) }),
    ("first and last lines changed", { ($0[0], $0[239]) = ("first", "last") }),
    (
      "a block moved",
      { lines in
        let block = Array(lines[10..<20])
        lines.removeSubrange(10..<20)
        lines.insert(contentsOf: block, at: 150)
      }
    ),
    (
      "changes everywhere",
      { lines in
        for index in stride(from: 3, to: 240, by: 17) { lines[index] += " (changed)" }
      }
    ),
    ("trailing whitespace added", { $0[50] += "  " }),
    ("an empty line duplicated", { $0.insert("", at: 7) }),
    ("the second half removed", { $0.removeSubrange(120...) }),
  ]

  @Test("a transcript edited in the usual ways", arguments: 0..<edits.count)
  func transcriptEdits(index: Int) throws {
    var edited = Self.original
    Self.edits[index].1(&edited)
    try expectSameAsGNU(TestText.lines(Self.original), TestText.lines(edited))
  }

  @Test("final newlines and empty files")
  func edges() throws {
    let text = TestText.lines(Self.original)
    try expectSameAsGNU(text, String(text.dropLast()))
    try expectSameAsGNU(String(text.dropLast()), text)
    try expectSameAsGNU(String(text.dropLast()), String(text.dropLast(2)))
    try expectSameAsGNU("", text)
    try expectSameAsGNU(text, "")
    try expectSameAsGNU("", "")
  }

  @Test("random edits of text whose lines are mostly different")
  func randomEdits() throws {
    var generator = SeededGenerator(seed: 7)
    for _ in 0..<20 {
      var edited = Self.original
      for _ in 0..<Int.random(in: 1...6, using: &generator) {
        let index = Int.random(in: 0..<edited.count, using: &generator)
        switch Int.random(in: 0..<3, using: &generator) {
        case 0: edited.remove(at: index)
        case 1: edited.insert("inserted \(index)", at: index)
        default: edited[index] = "replaced \(index)"
        }
      }
      try expectSameAsGNU(TestText.lines(Self.original), TestText.lines(edited))
    }
  }

  private func expectSameAsGNU(
    _ old: String, _ new: String, sourceLocation: SourceLocation = #_sourceLocation
  ) throws {
    let ours = UnifiedDiff(old: old, new: new, oldLabel: "golden", newLabel: "golden.new")
    let theirs = try GNUDiff.unified(old, new, oldLabel: "golden", newLabel: "golden.new")
    #expect(ours.description == theirs, sourceLocation: sourceLocation)
  }
}

/// `/usr/bin/diff`, when it is GNU diff.
enum GNUDiff {
  static let path = "/usr/bin/diff"

  static let isAvailable: Bool = {
    guard FileManager.default.isExecutableFile(atPath: path) else { return false }
    return (try? run(["--version"]).contains("GNU diffutils")) ?? false
  }()

  /// `diff -u --label OLD --label NEW` of two texts.
  static func unified(_ old: String, _ new: String, oldLabel: String, newLabel: String) throws
    -> String
  {
    try TemporaryFolder.with { folder in
      try folder.write(old, to: "old")
      try folder.write(new, to: "new")
      return try run([
        "-u", "--label", oldLabel, "--label", newLabel, folder.file("old").path,
        folder.file("new").path,
      ])
    }
  }

  private static func run(_ arguments: [String]) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments = arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    // waitUntilExit() polls; the termination handler reports the exit at once.
    let exited = DispatchSemaphore(value: 0)
    process.terminationHandler = { _ in exited.signal() }
    try process.run()
    let output = pipe.fileHandleForReading.readDataToEndOfFile()
    exited.wait()
    return String(decoding: output, as: UTF8.self)
  }
}
