/// A positional argument, declared once: its name, how many words it takes, its help, how
/// each word is read and where it goes.
///
/// Words that are not options fill the positionals in order. A positional that takes any
/// number of words (``Count/zeroOrMore``, ``Count/oneOrMore``) takes every word left, so it
/// comes last.
///
///     struct Values { var codes: [String] = [] }
///     let cc = Positional<Values>(
///       "CC", count: .zeroOrMore, help: "country code or 1st letter (eg. B for BA...BZ)",
///       parser: .string, appending: \.codes)
///     cc.usagePart   // "[CC ...]"
public struct Positional<Root> {
  /// How many words a positional takes, and how usage shows it.
  ///
  /// argparse's `nargs`: none, `?`, `*` and `+`.
  ///
  ///     Positional<[String]>.Count.oneOrMore   // usage: NAME [NAME ...]
  public enum Count: Sendable, Equatable {
    /// Exactly one word.
    ///
    /// Missing, it is a usage error.
    ///
    ///     // usage: NAME
    case one
    /// One word or none.
    ///
    /// Store it in an optional.
    ///
    ///     // usage: [NAME]
    case optional
    /// Any number of words.
    ///
    /// It takes every word left, so it comes last.
    ///
    ///     // usage: [NAME ...]
    case zeroOrMore
    /// At least one word.
    ///
    /// It takes every word left, so it comes last.
    ///
    ///     // usage: NAME [NAME ...]
    case oneOrMore
  }

  /// The name in usage and help, and in messages about its value.
  ///
  /// argparse's `metavar`, in capitals by custom.
  ///
  ///     cc.name   // "CC"
  public let name: String
  /// How many words it takes.
  ///
  /// Usage shows it (``usagePart``).
  ///
  ///     cc.count   // .zeroOrMore
  public let count: Count
  /// The help text.
  ///
  /// `\n` starts a new line, and longer lines are wrapped.
  ///
  ///     cc.help   // "country code or 1st letter (eg. B for BA...BZ)"
  public let help: String
  let take: (inout Root, String, ValueContext) throws(UsageError) -> Void

  /// A positional whose words, each read by `parser`, are handed to `action` with the root.
  ///
  /// The general form; the others store the value for you.
  ///
  ///     Positional("SECTION", count: .zeroOrMore, help: "…", parser: sections,
  ///                action: { root, ids in root.sections += ids })
  public init<Value>(
    _ name: String, count: Count = .one, help: String, parser: ValueParser<Value>,
    action: @escaping (inout Root, Value) -> Void
  ) {
    self.name = name
    self.count = count
    self.help = help
    self.take = { (root: inout Root, text: String, context: ValueContext) throws(UsageError) in
      action(&root, try parser.parse(text, context))
    }
  }

  /// A positional whose word, read by `parser`, goes to `path` (`.one` or `.optional`).
  ///
  /// A second word for it is a usage error, as no room is left.
  ///
  ///     Positional("FILE", help: "the schedule to replay", parser: .string, into: \.file)
  public init<Value>(
    _ name: String, count: Count = .one, help: String, parser: ValueParser<Value>,
    into path: WritableKeyPath<Root, Value>
  ) {
    self.init(name, count: count, help: help, parser: parser) { $0[keyPath: path] = $1 }
  }

  /// A positional whose word, read by `parser`, goes to an optional `path` (nil until given).
  ///
  /// Usually ``Count/optional``.
  ///
  ///     Positional("TARGET", count: .optional, help: "…", parser: .string, into: \.target)
  public init<Value>(
    _ name: String, count: Count = .one, help: String, parser: ValueParser<Value>,
    into path: WritableKeyPath<Root, Value?>
  ) {
    self.init(name, count: count, help: help, parser: parser) { $0[keyPath: path] = $1 }
  }

  /// A positional whose words, each read by `parser`, are appended to `path`.
  ///
  /// Usually ``Count/zeroOrMore`` or ``Count/oneOrMore``.
  ///
  ///     Positional("CC", count: .zeroOrMore, help: "…", parser: .string, appending: \.codes)
  public init<Value>(
    _ name: String, count: Count = .zeroOrMore, help: String, parser: ValueParser<Value>,
    appending path: WritableKeyPath<Root, [Value]>
  ) {
    self.init(name, count: count, help: help, parser: parser) { $0[keyPath: path].append($1) }
  }

  /// The positional as the usage line shows it: `NAME`, `[NAME]`, `[NAME ...]` or
  /// `NAME [NAME ...]`.
  ///
  /// argparse's notation.
  ///
  ///     Positional<[String]>("CC", help: "", parser: .string, appending: \.self).usagePart
  ///     // "[CC ...]"
  public var usagePart: String {
    switch count {
    case .one: name
    case .optional: "[\(name)]"
    case .zeroOrMore: "[\(name) ...]"
    case .oneOrMore: "\(name) [\(name) ...]"
    }
  }

  /// Whether it takes more than one word.
  var isVariadic: Bool { count == .zeroOrMore || count == .oneOrMore }

  /// Whether the arguments are incomplete without a word for it.
  var isRequired: Bool { count == .one || count == .oneOrMore }
}
