import ConcurrencyRuntime
import Foundation

/// A renderer that writes nothing and keeps every section it is shown, block by block, as
/// ``HandoutSection``s: what the exports are made from once the run is over.
///
/// Output pieces are not kept one by one: each cell's ``CellRecord`` already holds all it
/// printed, in order.
///
///     let recorder = HandoutRecorder()
///     try NotebookRunner(configuration: .canonical).run(section, renderer: recorder)
///     recorder.sections.count   // 1
public final class HandoutRecorder: Renderer, @unchecked Sendable {
  private let lock = NSLock()
  private var finished: [HandoutSection] = []
  private var current: HandoutSection?
  private var sources: [Int: String] = [:]

  /// A recorder with nothing recorded.
  public init() {}

  /// The sections recorded so far, the one running included.
  public var sections: [HandoutSection] {
    lock.withLock { finished + (current.map { [$0] } ?? []) }
  }

  /// Starts a new section.
  public func begin(_ section: Section) {
    lock.withLock {
      if let current { finished.append(current) }
      current = HandoutSection(
        id: section.id, title: section.title, blocks: [], language: section.language)
      sources = [:]
    }
  }

  /// Keeps the prose.
  public func prose(_ text: String) { append(.prose(text)) }

  /// Keeps the note.
  public func note(_ text: String) { append(.note(text)) }

  /// Remembers the cell's code until it ends.
  public func cell(_ number: Int, source: String) {
    lock.withLock { sources[number] = source }
  }

  /// Keeps the listing.
  public func listing(_ listing: Listing) { append(.listing(listing)) }

  /// Nothing: the cell's record brings its output.
  public func output(_ piece: ConsoleOutput) {}

  /// Keeps the cell with its code and record.
  public func cellEnded(_ record: CellRecord) {
    let source = lock.withLock { sources[record.number] ?? "" }
    append(.cell(HandoutCell(source: source, record: record)))
  }

  /// Closes the section.
  public func end(_ section: Section) {
    lock.withLock {
      if let current { finished.append(current) }
      current = nil
    }
  }

  private func append(_ block: HandoutSection.Block) {
    lock.withLock { current?.blocks.append(block) }
  }
}
