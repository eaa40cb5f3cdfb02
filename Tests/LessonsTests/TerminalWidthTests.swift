import ConcurrencyRuntime
import Lessons
import Notebook
import Testing

/// What a learner reads fits an 80-column terminal, in every language: every section's
/// heading, prose, cell code and listings (code and the fixed text under it) as the text
/// renderer lays them out (code indented by four spaces), counted by ``DisplayWidth`` (a
/// Hangul syllable takes two columns). Output whose format the book fixes is not checked here.
@Suite("80 columns")
struct TerminalWidthTests {
  static let limit = 80

  @Test(
    "every line of prose fits in 80 columns, in every language",
    arguments: Catalog.sections.map(\.id))
  func prose(id: String) throws {
    let section = try #require(Catalog.section(id))
    for text in section.prose {
      for language in Language.allCases {
        guard let written = text.written(in: language) else { continue }
        for line in written.split(separator: "\n") {
          #expect(
            DisplayWidth.columns(of: line) <= Self.limit,
            "\(id) prose (\(language.rawValue)): \(line)")
        }
      }
    }
  }

  @Test(
    "every line of cell code, and of a listing's code and text, as shown, fits in 80 columns",
    arguments: Catalog.sections.map(\.id))
  func code(id: String) throws {
    let section = try #require(Catalog.section(id))
    let renderer = Collected()
    for (number, cell) in section.cells.enumerated() {
      renderer.cell(number + 1, source: cell.source)
    }
    for listing in section.listings {
      renderer.listing(listing)
    }
    for line in renderer.text.split(separator: "\n") {
      #expect(DisplayWidth.columns(of: line) <= Self.limit, "\(id) cell \(line)")
    }
    #expect(!renderer.text.isEmpty)
  }

  @Test(
    "the heading fits in 80 columns, in every language", arguments: Catalog.sections.map(\.id))
  func heading(id: String) throws {
    let section = try #require(Catalog.section(id))
    for language in Language.allCases {
      let title = section.reading(in: language).title
      #expect(DisplayWidth.columns(of: "\(section.id)  \(title)") <= Self.limit)
    }
  }
}

/// The plain text renderer's output, kept.
private final class Collected: @unchecked Sendable {
  private(set) var text = ""
  private lazy var renderer = TextRenderer(style: .plain) { [unowned self] in text += $0 }

  func cell(_ number: Int, source: String) { renderer.cell(number, source: source) }
  func listing(_ listing: Listing) { renderer.listing(listing) }
}
