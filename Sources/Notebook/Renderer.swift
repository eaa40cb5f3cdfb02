import ConcurrencyRuntime

/// Turns a running section into something to read. The runner calls these in order; `output`
/// may come from any thread while a cell runs, as the cell prints.
public protocol Renderer: Sendable {
  /// The section begins.
  func begin(_ section: Section)
  /// A paragraph of prose.
  func prose(_ text: String)
  /// A short note about this run, before the cells: what the section set up for it (the
  /// servers it started, the folder it saves in). One line or a few.
  func note(_ text: String)
  /// Cell `number` is about to run: show its code.
  func cell(_ number: Int, source: String)
  /// A cell printed something.
  func output(_ piece: ConsoleOutput)
  /// The cell finished or failed: what it did, with its events.
  func cellEnded(_ record: CellRecord)
  /// The section is over.
  func end(_ section: Section)
}

extension Renderer {
  /// Shows a note as prose, for renderers that have no style of their own for notes.
  public func note(_ text: String) { prose(text) }
}
