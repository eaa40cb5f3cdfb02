/// argparse's `HelpFormatter`, for an 80-column terminal: the usage wrapped under the
/// command, then sections of rows with their help aligned in one column.
///
///     HelpLayout.usage(
///       command: "lessons flags2 async", optionParts: ["[-h]", "[-a]"],
///       positionalParts: ["[CC ...]"], alternatives: [])
///     // "usage: lessons flags2 async [-h] [-a] [CC ...]\n"
enum HelpLayout {
  /// argparse's width: the terminal's 80 columns less 2.
  static let width = 78
  /// The rightmost column help may start in (argparse's `max_help_position`).
  static let maxHelpPosition = 24
  /// Sections indent their rows by this much.
  static let indent = 2

  /// The usage lines, each ending with a newline.
  ///
  /// As argparse's `_format_usage`: on one line if it fits; otherwise, after a short
  /// command, the options follow it and wrap under the first of them, and the positionals
  /// start a line of their own; after a long one, everything goes under `usage: `.
  static func usage(
    command: String, optionParts: [String], positionalParts: [String], alternatives: [String]
  ) -> String {
    let prefix = "usage: "
    let oneLine = ([command] + optionParts + positionalParts).joined(separator: " ")
    var lines: [String]
    if prefix.count + oneLine.count <= width {
      lines = [oneLine]
    } else if Double(prefix.count + command.count) <= 0.75 * Double(width) {
      let indent = prefix.count + command.count + 1
      if !optionParts.isEmpty {
        lines = wrap([command] + optionParts, indent: indent, first: prefix.count)
        lines += wrap(positionalParts, indent: indent, first: indent)
      } else {
        lines = wrap([command] + positionalParts, indent: indent, first: prefix.count)
      }
    } else {
      let indent = prefix.count
      lines = wrap(optionParts + positionalParts, indent: indent, first: indent)
      if lines.count > 1 {
        lines =
          wrap(optionParts, indent: indent, first: indent)
          + wrap(positionalParts, indent: indent, first: indent)
      }
      lines = [command] + lines
    }
    let under = String(repeating: " ", count: prefix.count)
    let text = prefix + lines.joined(separator: "\n")
    return ([text] + alternatives.map { under + $0 }).joined(separator: "\n") + "\n"
  }

  /// argparse's `get_lines`: `parts` joined by spaces in lines of at most ``width``, the
  /// first starting at column `first`, the others indented by `indent`. The first line is
  /// returned without its indent, the others with it.
  private static func wrap(_ parts: [String], indent: Int, first: Int) -> [String] {
    var lines: [String] = []
    var line: [String] = []
    var length = first - 1
    for part in parts {
      if length + 1 + part.count > width, !line.isEmpty {
        lines.append(line.joined(separator: " "))
        line = []
        length = indent - 1
      }
      line.append(part)
      length += part.count + 1
    }
    if !line.isEmpty { lines.append(line.joined(separator: " ")) }
    let pad = String(repeating: " ", count: indent)
    return lines.enumerated().map {
      $0.offset == 0 && first != indent ? $0.element : pad + $0.element
    }
  }

  /// The whole help: usage, description, sections, epilog, with a blank line between.
  static func help(usage: String, description: String, sections: [HelpSection], epilog: String)
    -> String
  {
    let terms = sections.flatMap { $0.rows.map(\.term.count) }
    let helpPosition = min((terms.max() ?? 0) + indent + 2, maxHelpPosition)
    var blocks = [usage]
    if let prose = paragraph(description) { blocks.append(prose) }
    for section in sections {
      var block = section.title + ":\n"
      for row in section.rows { block += format(row, helpPosition: helpPosition) }
      blocks.append(block)
    }
    if let prose = paragraph(epilog) { blocks.append(prose) }
    return blocks.joined(separator: "\n")
  }

  /// Prose kept as written, ending with exactly one newline; nil when empty.
  private static func paragraph(_ text: String) -> String? {
    var text = Substring(text)
    while text.last?.isNewline == true { text.removeLast() }
    return text.isEmpty ? nil : text + "\n"
  }

  /// argparse's `_format_action`: the term indented, its help beside it if the term leaves
  /// room (two spaces at least), else on the lines below, in the help column.
  private static func format(_ row: HelpRow, helpPosition: Int) -> String {
    let termWidth = helpPosition - indent - 2
    let lead = String(repeating: " ", count: indent) + row.term
    let lines = TextWrapping.wrapHelp(row.help, width: max(width - helpPosition, 11))
    guard !lines.isEmpty else { return lead + "\n" }
    let column = String(repeating: " ", count: helpPosition)
    var text: String
    var rest = lines[...]
    if row.term.count <= termWidth, let first = rest.popFirst() {
      text = lead + String(repeating: " ", count: helpPosition - lead.count) + first + "\n"
    } else {
      text = lead + "\n"
    }
    for line in rest { text += column + line + "\n" }
    return text
  }
}
