/// One section as it ran: its heading, then its prose, notes, cells and listings in reading
/// order, each cell with its code and its ``CellRecord`` (output, failure, events).
///
///     section.heading                 // "17.4 Experimenting with Executor.map"
///     section.cells.map(\.number)     // [1, 2, 3]
public struct HandoutSection: Sendable {
  /// The section's number (`17.4`).
  public var id: String
  /// The section's title.
  public var title: String
  /// Prose, notes, cells and listings, in order.
  public var blocks: [Block]
  /// The language of its title, prose and notes.
  public var language: Language

  /// One piece of a section, in reading order.
  public enum Block: Sendable {
    /// A block of prose: paragraphs, and lists whose items start with `- `.
    case prose(String)
    /// A note about this run (the servers a section started, the folder it saves in).
    case note(String)
    /// A cell that ran.
    case cell(HandoutCell)
    /// Code shown and not run, with its fixed text.
    case listing(Listing)
  }

  /// A section with these blocks, in `language`.
  public init(id: String, title: String, blocks: [Block], language: Language = .english) {
    self.id = id
    self.title = title
    self.blocks = blocks
    self.language = language
  }

  /// The section's number and title, as a heading shows them.
  ///
  ///     section.heading   // "17.4 Experimenting with Executor.map"
  public var heading: String { "\(id) \(title)" }

  /// The cells alone, in order.
  public var cells: [HandoutCell] {
    blocks.compactMap {
      if case .cell(let cell) = $0 { return cell }
      return nil
    }
  }
}

/// A cell that ran: the code it shows and what it did.
///
///     cell.number        // 2
///     cell.record.output // "[09:00:00] Script starting.\n…"
public struct HandoutCell: Sendable {
  /// The code shown under `In [n]:`.
  public var source: String
  /// What the cell did: its output with its stamps, its failure, its events.
  public var record: CellRecord

  /// A cell with its code and record.
  public init(source: String, record: CellRecord) {
    self.source = source
    self.record = record
  }

  /// The cell's number in its section, from 1.
  public var number: Int { record.number }

  /// The chart of the cell's concurrent work; empty when it ran none.
  public var timeline: Timeline { Timeline(record) }
}
