/// Reads a command's words against its ``ArgumentSet``, one at a time, argparse's way.
///
///     var reader = ArgumentReader(arguments, words: ["-al", "5"])
///     let values = try reader.read()   // nil when --help was asked for
struct ArgumentReader<Root> {
  private let arguments: ArgumentSet<Root>
  private let words: [String]
  private var index = 0
  private var root: Root
  /// The positional the next word goes to, and how many words it has had.
  private var positional = 0
  private var taken = 0

  init(_ arguments: ArgumentSet<Root>, words: [String]) {
    self.arguments = arguments
    self.words = words
    self.root = arguments.defaults
  }

  /// The values, or nil if the help was asked for; throws the first mistake.
  mutating func read() throws(UsageError) -> Root? {
    var onlyPositionals = false
    while index < words.count {
      let word = words[index]
      index += 1
      if onlyPositionals || !Self.looksLikeOption(word) {
        try takePositional(word)
      } else if word == "--" {
        onlyPositionals = true
      } else if word.hasPrefix("--") {
        guard try readLong(word) else { return nil }
      } else {
        guard try readCluster(word) else { return nil }
      }
    }
    let missing = arguments.positionals.indices.filter { index in
      arguments.positionals[index].isRequired
        && (index > positional || (index == positional && taken == 0))
    }
    if !missing.isEmpty {
      throw arguments.style.missingArguments(missing.map { arguments.positionals[$0].name })
    }
    return root
  }

  /// `--name` or `--name=value`; false when it asks for help.
  private mutating func readLong(_ word: String) throws(UsageError) -> Bool {
    let equals = word.firstIndex(of: "=")
    let name = String(word[..<(equals ?? word.endIndex)])
    let attached = equals.map { String(word[word.index(after: $0)...]) }
    guard let option = arguments.options.first(where: { $0.longNames.contains(name) }) else {
      throw arguments.style.unknownOption(name)
    }
    return try apply(option, spelled: name, attached: attached)
  }

  /// `-a`, `-al 100`, `-l5`, `-l=5`; false when it asks for help.
  private mutating func readCluster(_ word: String) throws(UsageError) -> Bool {
    var letters = word.dropFirst()
    var first = true
    while let letter = letters.popFirst() {
      guard let option = arguments.options.first(where: { $0.shortNames.contains(letter) })
      else {
        throw arguments.style.unknownOption(first ? word : "-\(letter)")
      }
      first = false
      var attached: String?
      if option.takesValue, !letters.isEmpty {
        attached = String(letters.hasPrefix("=") ? letters.dropFirst() : letters)
        letters = ""
      }
      guard try apply(option, spelled: "-\(letter)", attached: attached) else { return false }
    }
    return true
  }

  /// Does what `option` does, with its attached value or the next word; false for help.
  private mutating func apply(_ option: Option<Root>, spelled: String, attached: String?)
    throws(UsageError) -> Bool
  {
    switch option.action {
    case .help:
      return false
    case .flag(let set):
      if let attached {
        throw arguments.style.unwantedValue(
          spelled: spelled, names: option.slashedNames, value: attached)
      }
      set(&root)
    case .value(let take):
      let value: String
      if let attached {
        value = attached
      } else if index < words.count, !Self.looksLikeOption(words[index]) {
        value = words[index]
        index += 1
      } else {
        throw arguments.style.missingValue(spelled: spelled, names: option.slashedNames)
      }
      try take(&root, value, option.context(arguments.style))
    }
    return true
  }

  /// Gives `word` to the positional whose turn it is.
  private mutating func takePositional(_ word: String) throws(UsageError) {
    let positionals = arguments.positionals
    while positional < positionals.count, !positionals[positional].isVariadic, taken == 1 {
      positional += 1
      taken = 0
    }
    guard positional < positionals.count else {
      throw arguments.style.unexpectedArgument(word)
    }
    let current = positionals[positional]
    let context = ValueContext(name: current.name, style: arguments.style)
    try current.take(&root, word, context)
    taken += 1
  }

  /// Whether `word` is an option (or `--`) rather than a value: it starts with `-` and is
  /// neither `-` alone nor a negative number (`-3`, `-0.5`, `-1e9`).
  static func looksLikeOption(_ word: String) -> Bool {
    word.hasPrefix("-") && word != "-" && !isNegativeNumber(word)
  }

  /// `-` then digits, with an optional fraction and exponent.
  static func isNegativeNumber(_ word: String) -> Bool {
    let body = word.dropFirst()
    guard word.hasPrefix("-"), let first = body.first, first.isASCII,
      first.isNumber || (first == "." && body.dropFirst().first?.isNumber == true)
    else { return false }
    return body.allSatisfy { $0.isASCII && ($0.isNumber || "+-.eE".contains($0)) }
      && Double(body) != nil
  }
}
