import CommandLineKit
import ConcurrencyRuntime
import Flags

/// The options of `lessons flags2 STYLE`, declared as the book's argparse parser declares
/// them and checked as its `process_args` does, plus this port's `--url`, `--dest`,
/// `--timeout`, `--virtual` and `--seed`.
///
/// Short options cluster as with argparse (`-al 100`, `-vs ERROR`, `-l5`); long ones take
/// `--name value` or `--name=value`. Mistakes are ``UsageError``s whose message is the
/// book's (`--limit N must be >= 1`) or argparse's (`argument -l/--limit: invalid int
/// value: 'x'`); the command prefixes them with `*** Usage error: `. The same declarations
/// write the help (``Flags2Usage``).
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
  ///
  /// `-h` or `--help` stops reading and sets ``showHelp``.
  ///
  ///     try Flags2Options.parse(["-l", "0"], style: .async)
  ///     // throws: --limit N must be >= 1
  public static func parse(_ arguments: [String], style: Flags2Style) throws(UsageError)
    -> Flags2Options
  {
    switch try Self.arguments(style).parse(arguments) {
    case .help:
      return Flags2Options(style: style, showHelp: true)
    case .values(let values):
      return Flags2Options(
        style: style, codes: values.codes, maxRequests: values.maxRequests,
        server: values.server, verbose: values.verbose, url: values.url,
        destination: values.destination, timeout: values.timeout,
        runtime: values.runtime.configuration)
    }
  }

  /// What the arguments say, as argparse's namespace holds it before `process_args`.
  struct Values {
    var all = false
    var every = false
    var limit = Int.max
    var maxRequests: Int?
    var label = "LOCAL"
    var server = SiteLabel.local
    var verbose = false
    var url: String?
    var destination = "downloads/"
    var timeout: Duration?
    var runtime = RuntimeOptions()
    /// The CC arguments, then (once checked) the codes they stand for.
    var codes: [String] = []
  }

  /// The book's options in its order, with its help, then this port's; `style` (nil: any)
  /// only changes the `--max_req` default that the help shows.
  static func arguments(_ style: Flags2Style?) -> ArgumentSet<Values> {
    let concurrency = style.map { "\($0.defaultConcurrency)" } ?? "1, 30 or 5"
    return ArgumentSet(
      Values(), style: .argparse,
      options: [
        .flag("-a", "--all", help: "get all available flags (AD to ZW)", set: \.all),
        .flag(
          "-e", "--every", help: "get flags for every possible code (AA...ZZ)", set: \.every),
        .value(
          "-l", "--limit", valueName: "N", help: "limit to N first codes", parser: .integer,
          into: \.limit),
        .value(
          "-m", "--max_req", "--max-req", valueName: "CONCURRENT",
          help: "maximum concurrent requests (default=\(concurrency))", parser: .integer,
          into: \.maxRequests),
        .value(
          "-s", "--server", valueName: "LABEL",
          help: "Server to hit; one of \(SiteLabel.choices) (default=LOCAL)", parser: .string,
          into: \.label),
        .flag("-v", "--verbose", help: "output detailed progress info", set: \.verbose),
      ],
      positionals: [
        Positional(
          "CC", count: .zeroOrMore, help: "country code or 1st letter (eg. B for BA...BZ)",
          parser: .string, appending: \.codes)
      ],
      check: processArguments
    )
    .adding(
      [
        .value(
          "--url", valueName: "BASE",
          help: "download from BASE, an http:// URL such as http://127.0.0.1:8001/flags, "
            + "instead of the LABEL's site (live runs only)",
          parser: .string, into: \.url),
        .value(
          "--dest", valueName: "DIR",
          help: "save the flags in DIR, created if missing (default=downloads/)",
          parser: .string, into: \.destination),
        .value(
          "--timeout", valueName: "S",
          help: "give up on a request after S seconds (default=10, REMOTE 3)", parser: timeout,
          into: \.timeout),
      ], section: Self.portSection
    )
    .including(
      RuntimeOptions.group(
        speed: false,
        virtualHelp: "use a mock network in virtual time: instant and repeatable",
        seedHelp: "seed of the mock's delays and errors and of the scheduler; implies --virtual"),
      at: \.runtime, section: Self.portSection)
  }

  /// The help section of the options the book does not have.
  static let portSection = "options of this port"

  /// The book's `process_args`, in its order (max_req, limit, server, codes), with this
  /// port's checks of `--url` and `--dest` before the codes.
  private static func processArguments(_ values: inout Values) throws(UsageError) {
    if let maxRequests = values.maxRequests, maxRequests < 1 {
      throw UsageError("--max_req CONCURRENT must be >= 1")
    }
    if values.limit < 1 { throw UsageError("--limit N must be >= 1") }
    guard let server = SiteLabel(parsing: values.label) else {
      throw UsageError("--server LABEL must be one of \(SiteLabel.choices)")
    }
    values.server = server
    if let url = values.url {
      values.url = try checkedURL(url)
      if values.runtime.configuration.isVirtual {
        throw UsageError("--url is for live runs; --virtual uses -s LABEL's mock site")
      }
    }
    if values.destination.isEmpty { throw UsageError("--dest DIR must not be empty") }
    values.codes = try CountryCodeArguments.expand(
      values.codes, every: values.every, all: values.all, limit: values.limit)
  }

  /// A `--timeout` value: seconds, more than 0 and at most an hour.
  private static var timeout: ValueParser<Duration> {
    ValueParser { text, context throws(UsageError) in
      guard let seconds = Double(text), seconds.isFinite, seconds > 0, seconds <= 3600 else {
        // Named the book's way, value name and all, as this port's other checks are.
        throw UsageError(
          "\(context.name) \(context.valueName) must be a number of seconds > 0 and <= 3600, "
            + "not '\(text)'")
      }
      return .nanoseconds(Int64((seconds * 1e9).rounded()))
    }
  }

  /// A `--url` value, checked before anything starts: `http://` (any case), a host, an
  /// optional port from 1 to 65535, an optional path, no query or fragment. Returned with the
  /// scheme and host in lower case and without a trailing slash.
  static func checkedURL(_ text: String) throws(UsageError) -> String {
    let example = "such as http://127.0.0.1:8001/flags"
    guard !text.contains(where: { $0.isWhitespace || $0.isNewline }),
      let separator = text.range(of: "://")
    else {
      throw UsageError("--url BASE must look like http://127.0.0.1:8001/flags, not '\(text)'")
    }
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
