/// The language a section's prose and the program's own words are shown in.
///
/// English is the default and the language of the transcripts; Korean is for the readers of
/// the notebook this project is built from. Only prose, titles and messages change: code,
/// the cells' output and the book's fixed formats read the same in both.
///
///     Language(rawValue: "ko")   // .korean
///     Language.korean.name       // "한국어"
public enum Language: String, CaseIterable, Sendable {
  /// English, the default.
  case english = "en"
  /// Korean.
  case korean = "ko"

  /// The language's own name for itself, as a chooser shows it.
  ///
  ///     Language.english.name   // "English"
  public var name: String {
    switch self {
    case .english: "English"
    case .korean: "한국어"
    }
  }

  /// The codes a command line accepts, in order: `en or ko`.
  ///
  ///     Language.choices   // "en or ko"
  public static var choices: String {
    let codes = allCases.map(\.rawValue)
    return codes.dropLast().joined(separator: ", ") + " or " + (codes.last ?? "")
  }
}
