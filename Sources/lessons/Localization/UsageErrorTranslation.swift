import CommandLineKit

/// Usage errors of `lessons` in Korean.
///
/// The parser and the value parsers write their messages in English as they find the
/// mistake, before anything knows the language; this matches such a message against the
/// English pattern of each message `lessons` can give and writes it again in Korean, with the
/// quoted parts (the option, the value given, the choices) as they were. A message no pattern
/// fits (one added since) stays English, which a test keeps from going unnoticed.
///
///     UsageErrorTranslation.korean("unknown option '--frob'")
///     // "알 수 없는 옵션입니다: '--frob'"
///     UsageErrorTranslation.korean("--seed needs a value")
///     // "--seed 옵션에는 값이 필요합니다"
enum UsageErrorTranslation {
  /// An English message pattern, with `{}` where a part is captured, and its Korean form
  /// built from the parts.
  struct Entry: Sendable {
    /// The English message with `{}` for each captured part, in order.
    let pattern: String
    /// The Korean message from the captured parts.
    let korean: @Sendable ([String]) -> String
    /// A message this pattern fits, for the tests.
    let example: String
  }

  /// `message` in Korean, or nil when no pattern fits it.
  static func korean(_ message: String) -> String? {
    for entry in entries {
      if let parts = match(message, pattern: entry.pattern) { return entry.korean(parts) }
    }
    return nil
  }

  /// The parts of `message` where `pattern` has `{}`, or nil when it does not fit. Each part
  /// ends at the first place the literal text after it appears; the last, at the end.
  static func match(_ message: String, pattern: String) -> [String]? {
    let literals = pattern.components(separatedBy: "{}")
    guard let first = literals.first, message.hasPrefix(first) else { return nil }
    var rest = message.dropFirst(first.count)
    var parts: [String] = []
    for (index, literal) in literals.enumerated().dropFirst() {
      let isLast = index == literals.count - 1
      if isLast {
        guard rest.hasSuffix(literal), rest.count >= literal.count else { return nil }
        parts.append(String(rest.dropLast(literal.count)))
        rest = rest.suffix(0)
      } else {
        guard let range = rest.range(of: literal) else { return nil }
        parts.append(String(rest[..<range.lowerBound]))
        rest = rest[range.upperBound...]
      }
    }
    guard parts.allSatisfy({ !$0.isEmpty }) else { return nil }
    return parts
  }

  /// `en or ko` and `a, b or c` as a Korean list: `en, ko`.
  private static func list(_ text: String) -> String {
    text.replacingOccurrences(of: " or ", with: ", ")
  }

  /// The part at `index`, or an empty string (the patterns below always capture enough).
  private static func part(_ parts: [String], _ index: Int) -> String {
    parts.indices.contains(index) ? parts[index] : ""
  }

  /// Every message `lessons` (the run command) can give for a mistake, most specific first.
  static let entries: [Entry] = [
    // --set and --step
    Entry(
      pattern: "--set takes NAME=VALUE, such as workers=5, not '{}'",
      korean: { "--set에는 NAME=VALUE 꼴로 주세요(예: workers=5. 입력한 값: '\(part($0, 0))')" },
      example: "--set takes NAME=VALUE, such as workers=5, not 'workers'"),
    Entry(
      pattern: "--set {} must be a whole number from {} to {}, not '{}'",
      korean: {
        "--set \(part($0, 0)) 값은 \(part($0, 1))부터 \(part($0, 2))까지의 정수여야 합니다"
          + "(입력한 값: '\(part($0, 3))')"
      },
      example: "--set workers must be a whole number from 1 to 10, not '0'"),
    Entry(
      pattern: "--set {} must be seconds from {} to {}, not '{}'",
      korean: {
        "--set \(part($0, 0)) 값은 \(part($0, 1))초에서 \(part($0, 2))초 사이여야 합니다"
          + "(입력한 값: '\(part($0, 3))')"
      },
      example: "--set latency must be seconds from 0.1 to 2, not '5'"),
    Entry(
      pattern: "{} has no parameter '{}' (it has none)",
      korean: { "\(part($0, 0)) 절에는 '\(part($0, 1))' 매개변수가 없습니다(매개변수가 없는 절입니다)" },
      example: "17.5 has no parameter 'workers' (it has none)"),
    Entry(
      pattern: "{} has no parameter '{}' (its parameters: {})",
      korean: {
        "\(part($0, 0)) 절에는 '\(part($0, 1))' 매개변수가 없습니다"
          + "(있는 것: \(part($0, 2).replacingOccurrences(of: " and ", with: ", ")))"
      },
      example: "17.4 has no parameter 'worker' (its parameters: workers and calls)"),
    Entry(
      pattern: "no section has a parameter '{}' (see --params)",
      korean: { "'\(part($0, 0))'라는 매개변수는 어느 절에도 없습니다(--params 참고)" },
      example: "no section has a parameter 'x' (see --params)"),
    Entry(
      pattern: "no section has a parameter '{}' (none has any)",
      korean: { "'\(part($0, 0))'라는 매개변수는 없습니다(매개변수가 있는 절이 하나도 없습니다)" },
      example: "no section has a parameter 'x' (none has any)"),
    Entry(
      pattern: "no section has a parameter '{}' (known: {})",
      korean: { "'\(part($0, 0))'라는 매개변수는 없습니다(있는 것: \(part($0, 1)))" },
      example: "no section has a parameter 'threads' (known: latency, workers, calls)"),
    Entry(
      pattern: "--step is for the terminal; a handout (--format) runs straight through",
      korean: { _ in "--step은 터미널에서 씁니다. 유인물(--format)은 멈추지 않고 실행합니다" },
      example: "--step is for the terminal; a handout (--format) runs straight through"),
    Entry(
      pattern: "unknown option '{}'",
      korean: { "알 수 없는 옵션입니다: '\(part($0, 0))'" },
      example: "unknown option '--frob'"),
    Entry(
      pattern: "{} needs a value",
      korean: { "\(part($0, 0)) 옵션에는 값이 필요합니다" },
      example: "--seed needs a value"),
    Entry(
      pattern: "{} takes no value, not '{}'",
      korean: { "\(part($0, 0)) 옵션은 값을 받지 않습니다(입력한 값: '\(part($0, 1))')" },
      example: "--virtual takes no value, not '1'"),
    Entry(
      pattern: "unexpected argument '{}'",
      korean: { "예상하지 못한 인자입니다: '\(part($0, 0))'" },
      example: "unexpected argument 'x'"),
    Entry(
      pattern: "missing {}",
      korean: { "빠진 인자가 있습니다: \(part($0, 0))" },
      example: "missing SECTION"),
    Entry(
      pattern: "{} must be a whole number from 0 to 2^64 - 1, not '{}'",
      korean: { "\(part($0, 0)) 값은 0부터 2^64 - 1까지의 정수여야 합니다(입력한 값: '\(part($0, 1))')" },
      example: "--seed must be a whole number from 0 to 2^64 - 1, not 'x'"),
    Entry(
      pattern: "{} must be from {} to {} (such as 2 or 0.5), not '{}'",
      korean: {
        "\(part($0, 0)) 값은 \(part($0, 1))에서 \(part($0, 2)) 사이여야 합니다(예: 2, 0.5. "
          + "입력한 값: '\(part($0, 3))')"
      },
      example: "--speed must be from 0.01 to 1000 (such as 2 or 0.5), not '0'"),
    Entry(
      pattern: "{} must be between {} and {}, not '{}'",
      korean: {
        "\(part($0, 0)) 값은 \(part($0, 1))에서 \(part($0, 2)) 사이여야 합니다"
          + "(입력한 값: '\(part($0, 3))')"
      },
      example: "--seeds must be between 1 and 1000000, not '0'"),
    Entry(
      pattern: "{} must be a whole number, not '{}'",
      korean: { "\(part($0, 0)) 값은 정수여야 합니다(입력한 값: '\(part($0, 1))')" },
      example: "--workers must be a whole number, not 'x'"),
    Entry(
      pattern: "{} must be one of {}, not '{}'",
      korean: {
        "\(part($0, 0)) 값은 \(list(part($0, 1))) 중 하나여야 합니다(입력한 값: '\(part($0, 2))')"
      },
      example: "--lang must be one of en or ko, not 'xx'"),
    Entry(
      pattern: "--speed is for live runs; virtual time has no speed to set",
      korean: { _ in "--speed는 실제 실행용입니다. 가상 시간에는 정할 속도가 없습니다" },
      example: "--speed is for live runs; virtual time has no speed to set"),
    Entry(
      pattern: "unknown section '{}': choose {}, or all",
      korean: { "없는 절입니다: '\(part($0, 0))'. \(part($0, 1)), all 중에 고르세요" },
      example: "unknown section '17.9': choose 17.1, 17.2, 17.3, 17.4, 17.5, or all"),
    Entry(
      pattern: "--timeline-svg FILE must not be empty",
      korean: { _ in "--timeline-svg에 준 파일 이름이 비어 있습니다" },
      example: "--timeline-svg FILE must not be empty"),
    Entry(
      pattern: "--dest DIR must not be empty",
      korean: { _ in "--dest에 준 폴더 이름이 비어 있습니다" },
      example: "--dest DIR must not be empty"),
    Entry(
      pattern: "name a section to run, such as 'lessons 17.4' (see 'lessons --help')",
      korean: { _ in "실행할 절을 지정하세요. 예: 'lessons 17.4' ('lessons --help' 참고)" },
      example: "name a section to run, such as 'lessons 17.4' (see 'lessons --help')"),
    // The handout options: --format, --output, --live (a handout is 유인물).
    Entry(
      pattern: "--output FILE must not be empty",
      korean: { _ in "--output에 준 파일 이름이 비어 있습니다" },
      example: "--output FILE must not be empty"),
    Entry(
      pattern: "--live records a real run: it cannot go with --virtual or --seed",
      korean: { _ in "--live는 실제 실행을 기록하므로 --virtual, --seed와 함께 쓸 수 없습니다" },
      example: "--live records a real run: it cannot go with --virtual or --seed"),
    Entry(
      pattern: "--output FILE is for a handout: add --format {}",
      korean: {
        "--output에는 --format \(list(part($0, 0))) 중 하나가 필요합니다"
      },
      example: "--output FILE is for a handout: add --format markdown, ipynb or html"),
    Entry(
      pattern: "--live is for a handout (--format ...): text runs are live already",
      korean: { _ in "--live는 유인물(--format ...)용입니다. 텍스트는 원래 실제 실행입니다" },
      example: "--live is for a handout (--format ...): text runs are live already"),
    Entry(
      pattern: "--format {} writes a file: add --output FILE",
      korean: { "--format \(part($0, 0)) 유인물은 파일로 씁니다. --output FILE을 더하세요" },
      example: "--format html writes a file: add --output FILE"),
    Entry(
      pattern: "--speed is for live runs: handouts run in virtual time unless --live",
      korean: { _ in "--speed는 실제 실행용입니다(유인물은 --live가 없으면 가상 시간입니다)" },
      example: "--speed is for live runs: handouts run in virtual time unless --live"),
  ]
}
