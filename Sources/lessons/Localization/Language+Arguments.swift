import Notebook

extension Language {
  /// The language `arguments` ask for with `--lang LANG` or `--lang=LANG` (the last one
  /// given, before any `--`), or English.
  ///
  /// Read before the arguments are parsed, so that a mistake elsewhere on the same command
  /// line is already reported in that language. An unknown code counts as English here; the
  /// parser then reports it, naming the choices.
  ///
  ///     Language.requested(in: ["17.4", "--lang", "ko"])   // .korean
  ///     Language.requested(in: ["17.4", "--lang=xx"])      // .english
  static func requested(in arguments: [String]) -> Language {
    var language = Language.english
    var words = arguments.makeIterator()
    while let word = words.next(), word != "--" {
      var code: String?
      if word == "--lang" {
        code = words.next()
      } else if word.hasPrefix("--lang=") {
        code = String(word.dropFirst("--lang=".count))
      }
      if let code, let asked = Language(rawValue: code.lowercased()) { language = asked }
    }
    return language
  }
}
