/// The words the parser uses for the mistakes it finds itself: this project's plain
/// sentences, or Python argparse's messages for a program that must keep the book's.
///
/// It changes only the messages of the syntax (an unknown option, a missing value, a flag
/// with a value, a surplus or missing positional, a value that is not an `int`); messages
/// about a value's range or choices are the ``ValueParser``'s and read the same in both.
///
///     UsageStyle.plain.unknownOption("--frobnicate")      // "unknown option '--frobnicate'"
///     UsageStyle.argparse.unknownOption("--frobnicate")
///     // "unrecognized arguments: --frobnicate"
public enum UsageStyle: Sendable, Equatable {
  /// One sentence naming the option.
  ///
  /// This project's own commands speak this way.
  ///
  ///     // unknown option '--x'; --seed needs a value; unexpected argument 'x'
  case plain
  /// argparse's messages.
  ///
  /// For `flags2`, which keeps the book's program's messages.
  ///
  ///     // unrecognized arguments: --x; argument -m/--max_req: expected one argument
  case argparse

  /// An option that no declaration names, as the user spelled it.
  ///
  /// The first one found: argparse lists them all, but stops at one here as well.
  ///
  ///     UsageStyle.plain.unknownOption("-x").message   // "unknown option '-x'"
  public func unknownOption(_ spelled: String) -> UsageError {
    switch self {
    case .plain: UsageError("unknown option '\(spelled)'", kind: .unknownOption)
    case .argparse: UsageError("unrecognized arguments: \(spelled)", kind: .unknownOption)
    }
  }

  /// An option that takes a value, given none.
  ///
  /// `spelled` is the name as typed; argparse names the option by all its names instead.
  ///
  ///     UsageStyle.plain.missingValue(spelled: "--seed", names: "--seed").message
  ///     // "--seed needs a value"
  public func missingValue(spelled: String, names: String) -> UsageError {
    switch self {
    case .plain: UsageError("\(spelled) needs a value", kind: .missingValue)
    case .argparse:
      UsageError("argument \(names): expected one argument", kind: .missingValue)
    }
  }

  /// A flag written with a value (`--virtual=yes`).
  ///
  /// argparse says it ignored the value; it is refused here either way.
  ///
  ///     UsageStyle.plain.unwantedValue(spelled: "--virtual", names: "--virtual", value: "1")
  ///     // "--virtual takes no value, not '1'"
  public func unwantedValue(spelled: String, names: String, value: String) -> UsageError {
    switch self {
    case .plain: UsageError("\(spelled) takes no value, not '\(value)'", kind: .unwantedValue)
    case .argparse:
      UsageError(
        "argument \(names): ignored explicit argument '\(value)'", kind: .unwantedValue)
    }
  }

  /// A positional argument with no room for it.
  ///
  ///     UsageStyle.plain.unexpectedArgument("extra").message   // "unexpected argument 'extra'"
  public func unexpectedArgument(_ word: String) -> UsageError {
    switch self {
    case .plain: UsageError("unexpected argument '\(word)'", kind: .unexpectedArgument)
    case .argparse: UsageError("unrecognized arguments: \(word)", kind: .unexpectedArgument)
    }
  }

  /// Positional arguments that must be given and were not.
  ///
  ///     UsageStyle.argparse.missingArguments(["STYLE"]).message
  ///     // "the following arguments are required: STYLE"
  public func missingArguments(_ names: [String]) -> UsageError {
    switch self {
    case .plain:
      UsageError("missing \(names.joined(separator: " and "))", kind: .missingArgument)
    case .argparse:
      UsageError(
        "the following arguments are required: \(names.joined(separator: ", "))",
        kind: .missingArgument)
    }
  }
}
