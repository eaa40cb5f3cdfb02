/// Prose as the lessons write it, in blocks: paragraphs apart by blank lines; lists, a
/// paragraph whose first line starts with `- ` (each such line starts an item; the indented
/// lines under it continue it); and headings, a line underlined with dashes. The exports lay
/// each block out in their own way.
///
///     ProseBlock.parse("17.5.1  Errors\n-------\n\nTwo facts:\n\n- one\n- two,\n  long")
///     // [.heading("17.5.1 Errors"), .paragraph(["Two facts:"]),
///     //  .list([["one"], ["two,", "long"]])]
enum ProseBlock: Equatable {
  /// A heading inside a section, its spaces collapsed.
  case heading(String)
  /// A paragraph's lines, as wrapped, without leading spaces.
  case paragraph([String])
  /// A list's items, each as its lines, without the `- ` and the indentation.
  case list([[String]])

  /// The blocks of `text`, in order.
  static func parse(_ text: String) -> [ProseBlock] {
    var blocks: [ProseBlock] = []
    var lines: [String] = []
    func flush() {
      defer { lines = [] }
      guard let first = lines.first else { return }
      if lines.count == 2, lines[1].count >= 3, lines[1].allSatisfy({ $0 == "-" }) {
        let words = first.split(separator: " ", omittingEmptySubsequences: true)
        blocks.append(.heading(words.joined(separator: " ")))
        return
      }
      guard first.hasPrefix("- ") else {
        blocks.append(.paragraph(lines.map(trimmed)))
        return
      }
      var items: [[String]] = []
      for line in lines {
        if line.hasPrefix("- ") {
          items.append([trimmed(String(line.dropFirst(2)))])
        } else if !items.isEmpty {
          items[items.count - 1].append(trimmed(line))
        }
      }
      blocks.append(.list(items))
    }
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      if line.allSatisfy(\.isWhitespace) {
        flush()
      } else {
        lines.append(String(line))
      }
    }
    flush()
    return blocks
  }

  private static func trimmed(_ line: String) -> String {
    String(line.drop { $0 == " " || $0 == "\t" })
  }
}
