import Foundation
import Lessons
import Notebook
import Testing

/// The code a cell shows is the code that runs: its source must be, line for line, the text
/// that compiles into the cell, found here independently of the build tool that extracted it.
@Suite("Cell sources")
struct CellSourceTests {
  static let files: [String] = {
    let enumerator = FileManager.default.enumerator(atPath: PackagePaths.lessons.path)
    var texts: [String] = []
    while let path = enumerator?.nextObject() as? String {
      guard path.hasSuffix(".swift") else { continue }
      let url = PackagePaths.lessons.appendingPathComponent(path)
      if let text = try? String(contentsOf: url, encoding: .utf8) { texts.append(text) }
    }
    return texts
  }()

  @Test("every cell's shown code is the body of its closure or its marked declarations")
  func sourcesAreTheCode() throws {
    for section in Catalog.sections {
      for cell in section.cells {
        #expect(!cell.source.isEmpty, "cell \(cell.name) shows nothing")
        let compiled = Self.files.compactMap { Self.code(of: cell.name, in: $0) }
        #expect(compiled.count == 1, "cell \(cell.name) is written \(compiled.count) times")
        #expect(compiled.first == cell.source, "cell \(cell.name) shows other code than it runs")
      }
    }
  }

  @Test("cell names are unique across the sections")
  func uniqueNames() {
    let names = Catalog.sections.flatMap(\.cells).map(\.name)
    #expect(Set(names).count == names.count)
  }

  /// The lines after `cell("NAME") {` up to the brace that closes it, or between
  /// `// cell: NAME` and `// end cell`, with their common indentation removed.
  static func code(of name: String, in file: String) -> String? {
    let lines = file.components(separatedBy: "\n")
    if let open = lines.firstIndex(where: { $0.hasSuffix("cell(\"\(name)\") {") }) {
      let indent = lines[open].prefix { $0 == " " }
      let close = lines[(open + 1)...].firstIndex {
        $0 == indent + "}" || $0.hasPrefix(indent + "},") || $0.hasPrefix(indent + "})")
      }
      return close.map { dedent(lines[(open + 1)..<$0]) }
    }
    if let open = lines.firstIndex(of: "// cell: \(name)") {
      let close = lines[(open + 1)...].firstIndex(of: "// end cell")
      return close.map { dedent(lines[(open + 1)..<$0]) }
    }
    return nil
  }

  static func dedent(_ lines: ArraySlice<String>) -> String {
    let margin =
      lines.filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
      .map { $0.prefix { $0 == " " }.count }.min() ?? 0
    return lines.map {
      $0.trimmingCharacters(in: .whitespaces).isEmpty ? "" : String($0.dropFirst(margin))
    }
    .joined(separator: "\n")
  }
}
