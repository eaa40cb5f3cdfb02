/// Text made literal in Markdown (CommonMark, and Jupyter's, which adds `$` for maths):
/// every character that could start markup is escaped with a backslash, and nothing else,
/// so that the source stays readable. `BASE_URL` keeps its underscore, which inside a word
/// cannot start emphasis.
///
///     MarkdownText.inline("n * 10 for *all* <T>")   // "n \\* 10 for \\*all\\* \\<T>"
///     MarkdownText.line("1. not a list")            // "1\\. not a list"
enum MarkdownText {
  /// `text` escaped for use inside a line: emphasis, code, links, HTML, maths.
  static func inline(_ text: String) -> String {
    let characters = Array(text)
    var escaped = ""
    for (index, character) in characters.enumerated() {
      switch character {
      case "\\", "`", "*", "[", "]", "<", "$", "~", "|":
        escaped += "\\" + String(character)
      case "_":
        let before = index > 0 ? characters[index - 1] : " "
        let after = index + 1 < characters.count ? characters[index + 1] : " "
        let inWord = isWordCharacter(before) && isWordCharacter(after)
        escaped += inWord ? "_" : "\\_"
      case "&":
        let after = index + 1 < characters.count ? characters[index + 1] : " "
        escaped += after.isLetter || after == "#" ? "\\&" : "&"
      default:
        escaped.append(character)
      }
    }
    return escaped
  }

  /// A whole line of a paragraph escaped: ``inline(_:)``, and what would make the line a
  /// heading, a quote, a list item or a rule when it starts with it.
  static func line(_ text: String) -> String {
    var escaped = inline(text)
    guard let first = escaped.first else { return escaped }
    if first == "#" || first == ">" || first == "=" {
      return "\\" + escaped
    }
    if first == "-" || first == "+" {
      let rest = escaped.dropFirst()
      if rest.isEmpty || rest.first == " " || rest.allSatisfy({ $0 == first || $0 == " " }) {
        return "\\" + escaped
      }
    }
    let digits = escaped.prefix { $0.isASCII && $0.isNumber }
    if !digits.isEmpty {
      let after = escaped.dropFirst(digits.count)
      if let marker = after.first, marker == "." || marker == ")",
        after.dropFirst().isEmpty || after.dropFirst().first == " "
      {
        escaped = String(digits) + "\\" + String(after)
      }
    }
    return escaped
  }

  /// A fence for `text` as a code block: three backticks, or one more than the longest run
  /// of backticks in it, so that nothing inside can close it.
  ///
  ///     MarkdownText.fence(for: "let a = 1")   // "```"
  static func fence(for text: String) -> String {
    var longest = 0
    var run = 0
    for character in text {
      run = character == "`" ? run + 1 : 0
      longest = max(longest, run)
    }
    return String(repeating: "`", count: max(3, longest + 1))
  }

  private static func isWordCharacter(_ character: Character) -> Bool {
    character.isLetter || character.isNumber
  }
}
