/// How one option's or positional's value is read from its text and checked: declared once
/// with the option, used by the parser, and the source of the message when the text will not
/// do.
///
/// Messages about a bad value name the option by its long name and end with the text given,
/// `--port must be between 1 and 65535, not '0'`, whatever the ``UsageStyle``; only the
/// `int`/`float` conversion of an argparse-style program says it argparse's way.
///
///     let port = ValueParser.integer(in: 1...65535)
///     try port.parse("8001", ValueContext(name: "--port"))   // 8001
///     try port.parse("0", ValueContext(name: "--port"))
///     // throws: --port must be between 1 and 65535, not '0'
public struct ValueParser<Value> {
  private let body: (String, ValueContext) throws(UsageError) -> Value

  /// A parser that reads `text` with `body`, which throws a ``UsageError`` (usually
  /// ``ValueContext/invalid(_:_:)``) for text it refuses.
  ///
  /// The context names the option, so one parser serves options of any name.
  ///
  ///     let even = ValueParser<Int> { text, context throws(UsageError) in
  ///       guard let n = Int(text), n % 2 == 0 else { throw context.invalid(text, "must be even") }
  ///       return n
  ///     }
  public init(_ body: @escaping (String, ValueContext) throws(UsageError) -> Value) {
    self.body = body
  }

  /// The value `text` stands for, or the error that explains why it stands for none.
  ///
  /// The parser calls it once per occurrence of the option.
  ///
  ///     try ValueParser.string.parse("x", ValueContext(name: "--dest"))   // "x"
  public func parse(_ text: String, _ context: ValueContext) throws(UsageError) -> Value {
    try body(text, context)
  }

  /// The same parser, its value transformed (seconds into a `Duration`, an `Int` into a port).
  ///
  /// The transformation cannot fail: checks belong to the parser it transforms.
  ///
  ///     let delay = ValueParser.number(in: 0...60).map { Duration.seconds($0) }
  public func map<Other>(_ transform: @escaping (Value) -> Other) -> ValueParser<Other> {
    ValueParser<Other> { text, context throws(UsageError) in
      transform(try self.parse(text, context))
    }
  }
}

/// What a ``ValueParser`` knows of the argument it reads: how to name it and the style of
/// the program.
///
///     let context = ValueContext(name: "--limit", names: "-l/--limit", valueName: "N")
///     context.invalid("0", "must be >= 1").message   // "--limit must be >= 1, not '0'"
public struct ValueContext: Sendable, Equatable {
  /// The name a message gives the option.
  ///
  /// Its long name, or its short one, or a positional's name.
  ///
  ///     context.name   // "--seed"
  public var name: String
  /// All its shown names joined by `/`, as argparse names an option.
  ///
  /// For argparse's own messages.
  ///
  ///     context.names   // "-l/--limit"
  public var names: String
  /// The name of its value in help, empty for a positional.
  ///
  /// For a message in the book's way, which names the value too (`--timeout S`).
  ///
  ///     context.valueName   // "N"
  public var valueName: String
  /// The program's ``UsageStyle``.
  ///
  /// A parser may word its conversion errors argparse's way when it is ``UsageStyle/argparse``.
  ///
  ///     context.style   // .plain
  public var style: UsageStyle

  /// A context; `names` defaults to `name`.
  ///
  /// The parser makes one per argument; tests and custom parsers may make their own.
  ///
  ///     ValueContext(name: "--seed").names   // "--seed"
  public init(
    name: String, names: String? = nil, valueName: String = "", style: UsageStyle = .plain
  ) {
    self.name = name
    self.names = names ?? name
    self.valueName = valueName
    self.style = style
  }

  /// The error for a value that does not meet `requirement`: `NAME REQUIREMENT, not 'TEXT'`.
  ///
  /// Write the requirement to follow the option's name: `must be between 0 and 1`.
  ///
  ///     ValueContext(name: "--error-rate").invalid("2", "must be between 0 and 1").message
  ///     // "--error-rate must be between 0 and 1, not '2'"
  public func invalid(_ text: String, _ requirement: String) -> UsageError {
    UsageError("\(name) \(requirement), not '\(text)'")
  }

  /// argparse's error for text its `type=` conversion refused (`int`, `float`).
  ///
  /// Only ``UsageStyle/argparse`` programs show it; the others say what is valid instead.
  ///
  ///     ValueContext(name: "--limit", names: "-l/--limit", style: .argparse)
  ///       .notConvertible("ten", to: "int").message
  ///     // "argument -l/--limit: invalid int value: 'ten'"
  public func notConvertible(_ text: String, to type: String) -> UsageError {
    UsageError("argument \(names): invalid \(type) value: '\(text)'")
  }
}

extension ValueParser where Value == String {
  /// The text as it is.
  ///
  /// For values whose checks need other options too (they go in the command's checks).
  ///
  ///     try ValueParser.string.parse("", ValueContext(name: "--dest"))   // ""
  public static var string: ValueParser<String> {
    ValueParser { text, _ in text }
  }
}

extension ValueParser where Value == Int {
  /// A whole number, any size an `Int` holds.
  ///
  /// Refused text gets argparse's message in an argparse-style program, otherwise
  /// `NAME must be a whole number, not 'TEXT'`.
  ///
  ///     try ValueParser.integer.parse("-5", ValueContext(name: "--limit"))   // -5
  public static var integer: ValueParser<Int> {
    ValueParser { text, context throws(UsageError) in
      guard let number = Int(text) else {
        if context.style == .argparse { throw context.notConvertible(text, to: "int") }
        throw context.invalid(text, "must be a whole number")
      }
      return number
    }
  }

  /// A whole number within `range`.
  ///
  /// Outside it, or not a number, the message is `requirement` (by default `must be between
  /// LOW and HIGH`); an argparse-style program says its own words for text that is no number.
  ///
  ///     try ValueParser.integer(in: 1...65535).parse("0", ValueContext(name: "--port"))
  ///     // throws: --port must be between 1 and 65535, not '0'
  public static func integer(in range: ClosedRange<Int>, requirement: String? = nil)
    -> ValueParser<Int>
  {
    let requirement = requirement ?? "must be between \(range.lowerBound) and \(range.upperBound)"
    return ValueParser { text, context throws(UsageError) in
      guard let number = Int(text) else {
        if context.style == .argparse { throw context.notConvertible(text, to: "int") }
        throw context.invalid(text, requirement)
      }
      guard range.contains(number) else { throw context.invalid(text, requirement) }
      return number
    }
  }
}

extension ValueParser where Value == Double {
  /// A finite decimal number within `range` (`2`, `0.5`, `1e-3`).
  ///
  /// Outside it, not finite (`nan`, `inf`) or not a number, the message is `requirement`
  /// (by default `must be between LOW and HIGH`, the bounds written without a `.0`).
  ///
  ///     try ValueParser.number(in: 0...1).parse("nan", ValueContext(name: "--error-rate"))
  ///     // throws: --error-rate must be between 0 and 1, not 'nan'
  public static func number(in range: ClosedRange<Double>, requirement: String? = nil)
    -> ValueParser<Double>
  {
    let requirement =
      requirement
      ?? "must be between \(DecimalText(range.lowerBound)) and \(DecimalText(range.upperBound))"
    return ValueParser { text, context throws(UsageError) in
      guard let number = Double(text) else {
        if context.style == .argparse { throw context.notConvertible(text, to: "float") }
        throw context.invalid(text, requirement)
      }
      guard number.isFinite, range.contains(number) else {
        throw context.invalid(text, requirement)
      }
      return number
    }
  }
}

extension ValueParser {
  /// One of a list of words, each standing for a value; case does not matter unless
  /// `ignoringCase` is false.
  ///
  /// The message lists the words: `NAME must be one of A, B or C, not 'TEXT'`.
  ///
  ///     let format = ValueParser.choice([("text", 0), ("markdown", 1)])
  ///     try format.parse("Markdown", ValueContext(name: "--format"))   // 1
  ///     try format.parse("html", ValueContext(name: "--format"))
  ///     // throws: --format must be one of text or markdown, not 'html'
  public static func choice(_ choices: [(String, Value)], ignoringCase: Bool = true)
    -> ValueParser<Value>
  {
    let words = choices.map(\.0)
    let listed =
      words.count < 2
      ? words.joined() : words.dropLast().joined(separator: ", ") + " or " + (words.last ?? "")
    return ValueParser { text, context throws(UsageError) in
      let match = choices.first { word, _ in
        ignoringCase ? word.lowercased() == text.lowercased() : word == text
      }
      guard let (_, value) = match else { throw context.invalid(text, "must be one of \(listed)") }
      return value
    }
  }
}

extension ValueParser where Value: CaseIterable & RawRepresentable, Value.RawValue == String {
  /// One of the cases of a string enum, by raw value.
  ///
  /// The cases are listed in their declaration order.
  ///
  ///     enum Format: String, CaseIterable { case text, markdown }
  ///     try ValueParser<Format>.cases.parse("TEXT", ValueContext(name: "--format"))   // .text
  public static var cases: ValueParser<Value> {
    choice(Value.allCases.map { ($0.rawValue, $0) })
  }
}
