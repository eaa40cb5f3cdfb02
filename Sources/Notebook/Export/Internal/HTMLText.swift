/// Text made literal in HTML, in element content and in quoted attribute values alike.
///
///     HTMLText.escape("a < b && \"c\"")   // "a &lt; b &amp;&amp; &quot;c&quot;"
enum HTMLText {
  /// `text` with `&`, `<`, `>`, `"` and `'` as character references, and control
  /// characters other than tab and newline shown as their pictures.
  static func escape(_ text: String) -> String {
    var escaped = ""
    escaped.reserveCapacity(text.utf8.count)
    for character in VisibleText.of(text) {
      switch character {
      case "&": escaped += "&amp;"
      case "<": escaped += "&lt;"
      case ">": escaped += "&gt;"
      case "\"": escaped += "&quot;"
      case "'": escaped += "&#39;"
      default: escaped.append(character)
      }
    }
    return escaped
  }

  /// `text` as an id: letters, digits, `-` and `_` kept, anything else a `-`.
  ///
  ///     HTMLText.identifier("17.4")   // "17-4"
  static func identifier(_ text: String) -> String {
    String(
      text.map { character in
        character.isASCII && (character.isLetter || character.isNumber || character == "_")
          ? character : "-"
      })
  }
}
