import ConcurrencyRuntime
import Lessons
import Notebook
import Testing

/// What a learner reads fits an 80-column terminal: every section's heading, prose and cell
/// code as the text renderer lays them out (code indented by four spaces). Output whose
/// format the book fixes is not checked here.
@Suite("80 columns")
struct TerminalWidthTests {
  static let limit = 80

  @Test("every line of prose fits in 80 columns", arguments: Catalog.sections.map(\.id))
  func prose(id: String) throws {
    let section = try #require(Catalog.section(id))
    for block in section.blocks {
      guard case .prose(let text) = block else { continue }
      for line in text.split(separator: "\n") {
        #expect(Columns.width(of: line) <= Self.limit, "\(id) prose: \(line)")
      }
    }
  }

  @Test(
    "every line of cell code, as shown, fits in 80 columns", arguments: Catalog.sections.map(\.id))
  func code(id: String) throws {
    let section = try #require(Catalog.section(id))
    let renderer = Collected()
    for (number, cell) in section.cells.enumerated() {
      renderer.cell(number + 1, source: cell.source)
    }
    for line in renderer.text.split(separator: "\n") {
      #expect(Columns.width(of: line) <= Self.limit, "\(id) cell \(line)")
    }
    #expect(!renderer.text.isEmpty)
  }

  @Test("the heading fits in 80 columns", arguments: Catalog.sections.map(\.id))
  func heading(id: String) throws {
    let section = try #require(Catalog.section(id))
    #expect(Columns.width(of: "\(section.id)  \(section.title)") <= Self.limit)
  }

  @Test("the width counts tabs to the next stop of 8 and wide characters as two")
  func widthRules() {
    #expect(Columns.width(of: "abc") == 3)
    #expect(Columns.width(of: "\tx") == 9)
    #expect(Columns.width(of: "ab\tx") == 9)
    #expect(Columns.width(of: "한국어") == 6)
    #expect(Columns.width(of: "█▏") == 2)
  }
}

/// The plain text renderer's output, kept.
private final class Collected: @unchecked Sendable {
  private(set) var text = ""
  private lazy var renderer = TextRenderer(style: .plain) { [unowned self] in text += $0 }

  func cell(_ number: Int, source: String) { renderer.cell(number, source: source) }
}

/// Terminal columns of a line.
enum Columns {
  static func width<S: StringProtocol>(of line: S) -> Int {
    var column = 0
    for scalar in line.unicodeScalars {
      if scalar == "\t" {
        column += 8 - column % 8
      } else if isWide(scalar) {
        column += 2
      } else {
        column += 1
      }
    }
    return column
  }

  /// East Asian wide and full-width ranges (Hangul, CJK, full-width forms).
  static func isWide(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
      0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
      0xFFE0...0xFFE6, 0x20000...0x3FFFD:
      return true
    default:
      return false
    }
  }
}
