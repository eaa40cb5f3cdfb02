import CommandLineKit
import Notebook

extension RunCommand {
  /// Parses, then shows the help, the usage error or runs, as every ``ParsableCommand``
  /// does, except that a usage error is shown in the language `--lang` asks for: found
  /// before parsing (``Language/requested(in:)``), since the mistake may come before it.
  static func main(_ arguments: [String], in program: Program) -> Int32 {
    let language = Language.requested(in: arguments)
    let parsed: Parsed<Options>
    do {
      parsed = try self.arguments.parse(arguments)
    } catch {
      program.writeError(usageErrorText(error, in: program, language: language))
      return 2
    }
    switch parsed {
    case .help:
      program.write(help(in: program))
      return 0
    case .values(let options):
      return run(options, in: program)
    }
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
