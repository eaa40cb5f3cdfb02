/// `--name value` options after the mode, as integers; each mode reads the ones it knows and
/// `finish()` rejects the rest.
struct BenchmarkOptions {
  /// A bad option or value: printed on one line, exit status 2.
  struct UsageError: Error {
    let message: String
  }

  private(set) var values: [String: Int] = [:]
  let wantsHelp: Bool
  private var read: Set<String> = []

  init(_ arguments: [String]) throws {
    var wantsHelp = false
    var index = 0
    while index < arguments.count {
      let argument = arguments[index]
      if argument == "--help" || argument == "-h" {
        wantsHelp = true
        index += 1
        continue
      }
      guard argument.hasPrefix("--") else {
        throw UsageError(message: "unexpected argument '\(argument)'")
      }
      var name = String(argument.dropFirst(2))
      var text: String
      if let equals = name.firstIndex(of: "=") {
        text = String(name[name.index(after: equals)...])
        name = String(name[..<equals])
      } else {
        guard index + 1 < arguments.count else {
          throw UsageError(message: "--\(name) needs a value")
        }
        text = arguments[index + 1]
        index += 1
      }
      text = text.replacingUnderscores()
      guard let value = Int(text), value > 0 else {
        throw UsageError(message: "--\(name) must be a positive integer, not '\(text)'")
      }
      values[name] = value
      index += 1
    }
    self.wantsHelp = wantsHelp
  }

  /// The value of `--name`, or `defaultValue`.
  mutating func integer(_ name: String, default defaultValue: Int) -> Int {
    read.insert(name)
    return values[name] ?? defaultValue
  }

  /// Throws if an option was given that no `integer(_:default:)` call asked for.
  func finish() throws {
    if let unknown = values.keys.sorted().first(where: { !read.contains($0) }) {
      throw UsageError(message: "unknown option --\(unknown)")
    }
  }
}

extension String {
  fileprivate func replacingUnderscores() -> String { filter { $0 != "_" } }
}
