/// Words in lines of a given width, the way help texts are wrapped.
///
///     TextWrapping.wrap("show this help message and exit", width: 14)
///     // ["show this help", "message and", "exit"]
enum TextWrapping {
  /// The words of `text` (split at spaces) in lines of at most `width` characters; a word
  /// longer than that has a line of its own rather than being cut.
  static func wrap(_ text: some StringProtocol, width: Int) -> [String] {
    var lines: [String] = []
    var line = ""
    for word in text.split(separator: " ") {
      if line.isEmpty {
        line = String(word)
      } else if line.count + 1 + word.count <= width {
        line += " " + word
      } else {
        lines.append(line)
        line = String(word)
      }
    }
    if !line.isEmpty { lines.append(line) }
    return lines
  }

  /// A help text in lines of at most `width`: each line of `text` (split at `\n`) is kept as
  /// written when it fits, so that columns inside it stay aligned, and wrapped otherwise,
  /// its continuation lines indented as it is.
  static func wrapHelp(_ text: String, width: Int) -> [String] {
    guard !text.isEmpty else { return [] }
    var lines: [String] = []
    for piece in text.split(separator: "\n", omittingEmptySubsequences: false) {
      if piece.count <= width {
        lines.append(String(piece))
        continue
      }
      let margin = String(piece.prefix { $0 == " " })
      lines += wrap(piece, width: width - margin.count).map { margin + $0 }
    }
    return lines
  }
}
