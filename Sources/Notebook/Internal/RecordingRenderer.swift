import ConcurrencyRuntime
import Foundation

/// Renders a section as plain text into memory and keeps each cell's record: what a
/// ``SectionRecording`` is made of.
final class RecordingRenderer: Renderer, @unchecked Sendable {
  private let store = Store()
  private let text: TextRenderer

  init() {
    let store = self.store
    text = TextRenderer(style: .plain) { piece in store.append(piece) }
  }

  var rendered: String { store.rendered }
  var cells: [CellRecord] { store.cells }

  func begin(_ section: Section) { text.begin(section) }
  func prose(_ prose: String) { text.prose(prose) }
  func cell(_ number: Int, source: String) { text.cell(number, source: source) }
  func listing(_ listing: Listing) { text.listing(listing) }
  func output(_ piece: ConsoleOutput) { text.output(piece) }
  func cellEnded(_ record: CellRecord) {
    store.append(record)
    text.cellEnded(record)
  }
  func end(_ section: Section) { text.end(section) }

  /// The text and records, appended from any thread.
  private final class Store: @unchecked Sendable {
    private let lock = NSLock()
    private var parts: [String] = []
    private var records: [CellRecord] = []

    func append(_ piece: String) { lock.withLock { parts.append(piece) } }
    func append(_ record: CellRecord) { lock.withLock { records.append(record) } }
    var rendered: String { lock.withLock { parts.joined() } }
    var cells: [CellRecord] { lock.withLock { records } }
  }
}
