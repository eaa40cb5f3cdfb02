/// A command-line mistake, explained in one line: the one error type of every parser here.
///
/// The parser throws it for what it can see (an unknown option, a missing value, a value its
/// ``ValueParser`` refuses), and a command's checks throw it for what needs every argument
/// read. The message never carries the program's name or a hint: how it is shown (a
/// `lessons: ` prefix, a `Try '… --help'` line, the usage lines) is the command's choice,
/// and ``kind`` lets the command add a hint only to mistakes of the syntax.
///
///     let error = UsageError("--port must be between 1 and 65535, not '0'")
///     print(error)        // --port must be between 1 and 65535, not '0'
///     error.kind          // .invalidValue
public struct UsageError: Error, Equatable, Sendable, CustomStringConvertible {
  /// What went wrong, for a command that shows some mistakes differently from others.
  ///
  /// The parser sets it; a message written by hand is an ``invalidValue`` unless said
  /// otherwise.
  ///
  ///     UsageError("unknown option '-x'", kind: .unknownOption).kind   // .unknownOption
  public enum Kind: Equatable, Sendable {
    /// An option no declaration names.
    ///
    /// A mistake of the syntax: `lessons` adds a pointer to `--help`.
    ///
    ///     // lessons 17.4 --frobnicate
    case unknownOption
    /// An option that takes a value came without one.
    ///
    /// A mistake of the syntax.
    ///
    ///     // lessons 17.4 --seed
    case missingValue
    /// A flag given a value.
    ///
    /// A mistake of the syntax.
    ///
    ///     // lessons 17.4 --virtual=1
    case unwantedValue
    /// A positional argument nothing declared room for.
    ///
    /// The message quotes it.
    ///
    ///     // lessons serve extra
    case unexpectedArgument
    /// A positional argument that must be given was not.
    ///
    /// The message names it.
    ///
    ///     // lessons explore        (SECTION missing)
    case missingArgument
    /// A value its parser or a command's check refused.
    ///
    /// The message says what is valid.
    ///
    ///     // lessons 17.4 --speed 0
    case invalidValue
  }

  /// The one-line explanation, without a trailing newline, a prefix or a hint.
  ///
  /// Written to be shown as is; it names the option and, for a bad value, the values that
  /// are accepted.
  ///
  ///     UsageError("--limit N must be >= 1").message   // "--limit N must be >= 1"
  public var message: String

  /// What went wrong; see ``Kind``.
  ///
  /// Two errors are equal when their messages and kinds are.
  ///
  ///     UsageError("x").kind == .invalidValue   // true
  public var kind: Kind

  /// An error with its message, an ``Kind/invalidValue`` unless `kind` says otherwise.
  ///
  /// Keep the message to one line that names the option and what it accepts.
  ///
  ///     throw UsageError("--dest DIR must not be empty")
  public init(_ message: String, kind: Kind = .invalidValue) {
    self.message = message
    self.kind = kind
  }

  /// The message itself.
  ///
  /// So that `print(error)` and `"\(error)"` show exactly the one line.
  ///
  ///     "\(UsageError("--delay needs a value"))"   // "--delay needs a value"
  public var description: String { message }
}
