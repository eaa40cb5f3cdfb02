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
  /// Code that is shown and not run, with its fixed text.
  func listing(_ listing: Listing)
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

  /// Shows a listing as prose, for renderers that have no style of their own for it: its file
  /// name, its code and its text, each line of those indented by four spaces.
  public func listing(_ listing: Listing) {
    let indented = [listing.source, listing.output].map { text in
      text.split(separator: "\n", omittingEmptySubsequences: false).map {
        $0.isEmpty ? "" : "    " + $0
      }.joined(separator: "\n")
    }
    prose(listing.file + ":\n" + indented.joined(separator: "\n\n"))
  }
}
