import Runtime

/// The options of `lessons flags2 STYLE`, parsed and checked as the book's `process_args`
/// does, plus this port's `--url`, `--dest`, `--timeout`, `--virtual` and `--seed`.
///
/// Short options cluster as with argparse (`-al 100`, `-vs ERROR`, `-l5`); long ones take
/// `--name value` or `--name=value`. Mistakes are ``UsageError``s whose message is the
/// book's (`--limit N must be >= 1`) or argparse's (`argument -l/--limit: invalid int
/// value: 'x'`); the command prefixes them with `*** Usage error: `.
///
///     let options = try Flags2Options.parse(["-s", "error", "-al", "10"], style: .async)
///     options.codes.count    // 10
///     options.concurrency    // 5
public struct Flags2Options: Equatable, Sendable {
  /// The download style.
  public var style: Flags2Style
  /// The codes to download: expanded, sorted and limited.
  public var codes: [String]
  /// `--max_req` as given (the style's default if not).
  public var maxRequests: Int
  /// The site to hit (`--server`).
  public var server: SiteLabel
  /// Print one line per flag instead of a progress bar (`-v`).
  public var verbose: Bool
  /// A base URL that replaces the site's (`--url`), without a trailing slash.
  public var url: String?
  /// Where flags are saved (`--dest`).
  public var destination: String
  /// The request time-out (`--timeout`); nil for the default.
  public var timeout: Duration?
  /// The runtime to run in: live, or virtual on the mock network (`--virtual`, `--seed`).
  public var runtime: RuntimeConfiguration
  /// `--help` was given: print the help and do nothing else.
  public var showHelp: Bool

  /// Options with every field given; ``parse(_:style:)`` is the usual way to get them.
  public init(
    style: Flags2Style, codes: [String] = Countries.pop20.sorted(), maxRequests: Int? = nil,
    server: SiteLabel = .local, verbose: Bool = false, url: String? = nil,
    destination: String = "downloads/", timeout: Duration? = nil,
    runtime: RuntimeConfiguration = .realTime, showHelp: Bool = false
  ) {
    self.style = style
    self.codes = codes
    self.maxRequests = maxRequests ?? style.defaultConcurrency
    self.server = server
    self.verbose = verbose
    self.url = url
    self.destination = destination
    self.timeout = timeout
    self.runtime = runtime
    self.showHelp = showHelp
  }

  /// The concurrent requests actually used: `min(max_req, MAX_CONCUR_REQ, len(codes))`.
  public var concurrency: Int {
    max(min(maxRequests, style.maxConcurrency, codes.count), 1)
  }

  /// The request time-out in effect: `--timeout`, else 3 s for REMOTE and 10 s otherwise.
  public var effectiveTimeout: Duration {
    timeout ?? (server == .remote && url == nil ? .seconds(3) : .seconds(10))
  }

  /// Parses the arguments that follow `flags2 STYLE`.
  public static func parse(_ arguments: [String], style: Flags2Style) throws(UsageError)
    -> Flags2Options
  {
    var parser = Parser(arguments: arguments)
    var options = Flags2Options(style: style)
    var every = false
    var all = false
    var limit = Int.max
    var label = "LOCAL"
    var codes: [String] = []

    while let token = parser.next() {
      switch token {
      case .positional(let text):
        codes.append(text)
      case .option(let name):
        switch name {
        case "-h", "--help":
          options.showHelp = true
          return options
        case "-a", "--all": all = true
        case "-e", "--every": every = true
        case "-v", "--verbose": options.verbose = true
        case "--virtual": options.runtime = .virtual(seed: options.runtime.seed)
        case "-l", "--limit": limit = try parser.integer(for: "-l/--limit")
        case "-m", "--max_req", "--max-req":
          options.maxRequests = try parser.integer(for: "-m/--max_req")
        case "-s", "--server": label = try parser.value(for: "-s/--server")
        case "--url": options.url = try parser.value(for: "--url")
        case "--dest": options.destination = try parser.value(for: "--dest")
        case "--timeout": options.timeout = try timeout(parser.value(for: "--timeout"))
        case "--seed":
          let text = try parser.value(for: "--seed")
          guard let seed = UInt64(text) else {
            throw UsageError("--seed N must be a whole number >= 0, not '\(text)'")
          }
          options.runtime = .virtual(seed: seed)
        default:
          throw UsageError("unrecognized arguments: \(name)")
        }
      }
    }

    if options.maxRequests < 1 { throw UsageError("--max_req CONCURRENT must be >= 1") }
    if limit < 1 { throw UsageError("--limit N must be >= 1") }
    guard let server = SiteLabel(parsing: label) else {
      throw UsageError("--server LABEL must be one of \(SiteLabel.choices)")
    }
    options.server = server
    if let url = options.url {
      options.url = try checkedURL(url)
      if options.runtime.isVirtual {
        throw UsageError("--url is for live runs; --virtual uses -s LABEL's mock site")
      }
    }
    if options.destination.isEmpty { throw UsageError("--dest DIR must not be empty") }
    options.codes = try CountryCodeArguments.expand(codes, every: every, all: all, limit: limit)
    return options
  }

  /// A `--timeout` value: seconds, more than 0 and at most an hour.
  private static func timeout(_ text: String) throws(UsageError) -> Duration {
    guard let seconds = Double(text), seconds.isFinite, seconds > 0, seconds <= 3600 else {
      throw UsageError("--timeout S must be a number of seconds > 0 and <= 3600, not '\(text)'")
    }
    return .nanoseconds(Int64((seconds * 1e9).rounded()))
  }

  /// A `--url` value, checked before anything starts: `http://` (any case), a host, an
  /// optional port from 1 to 65535, an optional path, no query or fragment. Returned with the
  /// scheme and host in lower case and without a trailing slash.
  static func checkedURL(_ text: String) throws(UsageError) -> String {
    let example = "such as http://127.0.0.1:8001/flags"
    guard !text.contains(where: { $0.isWhitespace || $0.isNewline }),
      let separator = text.range(of: "://")
    else { throw UsageError("--url BASE must be an http:// URL \(example), not '\(text)'") }
    guard text[..<separator.lowerBound].lowercased() == "http" else {
      throw UsageError("--url must start with http:// (not https), not '\(text)'")
    }
    if text.contains("?") || text.contains("#") {
      throw UsageError("--url must have no query or fragment, not '\(text)'")
    }
    let rest = text[separator.upperBound...]
    let authority = rest.prefix { $0 != "/" }
    var path = String(rest.dropFirst(authority.count))
    guard !authority.contains("@") else {
      throw UsageError("--url must not carry a user name or password")
    }
    var host = Substring(authority)
    var port: Substring?
    if authority.hasPrefix("["), let close = authority.firstIndex(of: "]") {
      host = authority[...close]
      let after = authority[authority.index(after: close)...]
      if !after.isEmpty {
        guard after.hasPrefix(":") else {
          throw UsageError("--url has a bad host '\(authority)'")
        }
        port = after.dropFirst()
      }
    } else if let colon = authority.lastIndex(of: ":") {
      host = authority[..<colon]
      port = authority[authority.index(after: colon)...]
    }
    guard !host.isEmpty, !host.contains(":") || host.hasPrefix("[") else {
      throw UsageError("--url needs a host, \(example), not '\(text)'")
    }
    if let port {
      guard let number = Int(port), (1...65535).contains(number), port.allSatisfy(\.isASCII)
      else { throw UsageError("--url port must be from 1 to 65535, not '\(port)'") }
    }
    while path.hasSuffix("/") { path.removeLast() }
    return "http://" + host.lowercased() + (port.map { ":" + $0 } ?? "") + path
  }
}

/// argparse's way of reading arguments: clustered short flags, attached values, `--`.
private struct Parser {
  enum Token {
    case option(String)
    case positional(String)
  }

  var arguments: [String]
  var index = 0
  /// Short options still to read from the current cluster (`-ave` → `a`, `v`, `e`).
  var cluster: Substring = ""
  var onlyPositionals = false

  /// Options that take a value; the rest of a cluster after one of them is its value.
  static let shortWithValue: Set<Character> = ["l", "m", "s"]

  init(arguments: [String]) { self.arguments = arguments }

  mutating func next() -> Token? {
    if let letter = cluster.first {
      cluster = cluster.dropFirst()
      return .option("-\(letter)")
    }
    guard index < arguments.count else { return nil }
    let argument = arguments[index]
    index += 1
    if onlyPositionals || argument == "-" || !argument.hasPrefix("-") {
      return .positional(argument)
    }
    if argument == "--" {
      onlyPositionals = true
      return next()
    }
    if argument.hasPrefix("--") {
      if let equals = argument.firstIndex(of: "=") {
        arguments.insert(String(argument[argument.index(after: equals)...]), at: index)
        return .option(String(argument[..<equals]))
      }
      return .option(argument)
    }
    let letters = argument.dropFirst()
    cluster = letters.dropFirst()
    if let first = letters.first, Self.shortWithValue.contains(first), !cluster.isEmpty {
      arguments.insert(String(cluster), at: index)
      cluster = ""
    }
    return .option("-\(letters.first!)")
  }

  /// The value of the option just read: the rest of its cluster, or the next argument.
  mutating func value(for name: String) throws(UsageError) -> String {
    if !cluster.isEmpty {
      defer { cluster = "" }
      return String(cluster)
    }
    guard index < arguments.count else {
      throw UsageError("argument \(name): expected one argument")
    }
    index += 1
    return arguments[index - 1]
  }

  /// An integer value, with argparse's message when it is not one.
  mutating func integer(for name: String) throws(UsageError) -> Int {
    let text = try value(for: name)
    guard let number = Int(text) else {
      throw UsageError("argument \(name): invalid int value: '\(text)'")
    }
    return number
  }
}
