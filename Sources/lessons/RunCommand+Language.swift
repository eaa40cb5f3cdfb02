import CommandLineKit
import Notebook

extension RunCommand {
  /// A usage error in the language `--lang` asks for: found in the command line before
  /// parsing (``Language/requested(in:)``), since the mistake may come before it.
  static func usageErrorText(_ error: UsageError, in program: Program, arguments: [String])
    -> String
  {
    usageErrorText(error, in: program, language: Language.requested(in: arguments))
  }

  /// `lessons: MESSAGE` in `language`, pointing to `--help` for a mistake of the syntax.
  static func usageErrorText(_ error: UsageError, in program: Program, language: Language)
    -> String
  {
    let hint: String
    switch error.kind {
    case .unknownOption, .missingValue, .unwantedValue:
      hint = ProgramText.seeHelp(program.name).text(in: language)
    default: hint = ""
    }
    let message =
      language == .korean
      ? UsageErrorTranslation.korean(error.message) ?? error.message : error.message
    return "\(program.name): \(message)\(hint)\n"
  }
}
