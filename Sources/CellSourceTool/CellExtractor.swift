/// Finds the cells of a lesson source file.
///
/// Two forms are recognised:
/// - a closure cell, `cell("NAME") {` … `}`: the cell's code is the closure's body, up to the
///   closing brace at the opening line's indentation;
/// - a definition cell, `// cell: NAME` … `// end cell`: declarations at file scope (functions
///   the later cells call), shown as a cell that defines them.
/// Either way the text is dedented by its common indentation.
struct CellExtractor {
  struct Failure: Error, CustomStringConvertible {
    let description: String
  }

  static func cells(in text: String, file: String) throws -> [(name: String, code: String)] {
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    var cells: [(name: String, code: String)] = []
    var index = 0
    while index < lines.count {
      let line = lines[index]
      let trimmed = line.trimmingLeadingSpaces()
      let indent = String(line.prefix(line.count - trimmed.count))
      if let name = closureCellName(trimmed) {
        guard let end = lines[(index + 1)...].firstIndex(where: { closes($0, indent: indent) })
        else { throw Failure(description: "\(file):\(index + 1): cell \"\(name)\" never closes") }
        cells.append((name, dedent(Array(lines[(index + 1)..<end]))))
        index = end
      } else if trimmed.hasPrefix("// cell: ") {
        let name = String(trimmed.dropFirst("// cell: ".count))
        guard
          let end = lines[(index + 1)...].firstIndex(where: {
            $0.trimmingLeadingSpaces() == "// end cell"
          })
        else { throw Failure(description: "\(file):\(index + 1): cell \"\(name)\" has no end") }
        cells.append((name, dedent(Array(lines[(index + 1)..<end]))))
        index = end
      }
      index += 1
    }
    return cells
  }

  /// `cell("NAME") {` → `NAME`.
  static func closureCellName(_ trimmed: String) -> String? {
    let prefix = "cell(\""
    let suffix = "\") {"
    guard trimmed.hasPrefix(prefix), trimmed.hasSuffix(suffix) else { return nil }
    let name = trimmed.dropFirst(prefix.count).dropLast(suffix.count)
    return name.isEmpty || name.contains("\"") ? nil : String(name)
  }

  private static func closes(_ line: String, indent: String) -> Bool {
    line.hasPrefix(indent + "}") && !line.hasPrefix(indent + " ")
  }

  static func dedent(_ lines: [String]) -> String {
    let margins = lines.filter { !$0.allSatisfy(\.isWhitespace) }.map {
      $0.count - $0.trimmingLeadingSpaces().count
    }
    let margin = margins.min() ?? 0
    return lines.map { $0.allSatisfy(\.isWhitespace) ? "" : String($0.dropFirst(margin)) }
      .joined(separator: "\n")
  }
}

extension String {
  func trimmingLeadingSpaces() -> String { String(drop { $0 == " " }) }
}
