/// Text helpers of the parameters: whole-word replacement in code, and wrapping prose.
enum ParameterText {
  /// `text` with every `reference` that is not part of a longer name replaced by
  /// `replacement`: `parameters.calls` but not `parameters.callsLeft`.
  static func replace(reference: String, with replacement: String, in text: String) -> String {
    var result = ""
    var rest = Substring(text)
    while let range = rest.range(of: reference) {
      let before = rest[..<range.lowerBound]
      let previous = before.last ?? (result.last ?? " ")
      let next = rest[range.upperBound...].first ?? " "
      result += before
      if isNamePart(previous) || previous == "." || isNamePart(next) {
        result += rest[range]
      } else {
        result += replacement
      }
      rest = rest[range.upperBound...]
    }
    return result + rest
  }

  private static func isNamePart(_ character: Character) -> Bool {
    character.isLetter || character.isNumber || character == "_"
  }

  /// `text` broken into lines of at most `width` columns (a Hangul syllable takes two), at
  /// spaces.
  static func wrap(_ text: String, width: Int) -> String {
    var lines: [String] = []
    var line = ""
    for word in text.split(separator: " ") {
      if !line.isEmpty
        && DisplayWidth.columns(of: line) + 1 + DisplayWidth.columns(of: word) > width
      {
        lines.append(line)
        line = ""
      }
      line += (line.isEmpty ? "" : " ") + word
    }
    if !line.isEmpty { lines.append(line) }
    return lines.joined(separator: "\n")
  }
}
