import CommandLineKit
import Foundation

/// The options of `lessons serve`, declared once (``arguments``) for parsing and for the
/// help, then checked.
///
/// With no `--profile`, all three servers run: LOCAL on 8001, DELAY on 8002 and ERROR on
/// 8003, the ports the book's `flags2` examples expect.
///
///     let options = try ServeOptions.parse(["--profile", "delay", "--delay", "0.5"])
///     options.servers.map(\.port)        // [8002]
///     options.servers[0].profile.delay   // .fixed(0.5 seconds)
public struct ServeOptions: Equatable, Sendable {
  /// One server to run: how it behaves and where it listens.
  ///
  /// Pass both to ``FlagServer/init(profile:port:verbose:idleTimeout:requestTimeout:writeTimeout:log:)``.
  public struct Server: Equatable, Sendable {
    /// The behaviour.
    ///
    /// Carries the `--delay`, `--error-rate` and `--seed` values.
    public var profile: ServerProfile
    /// The TCP port on 127.0.0.1.
    ///
    /// The profile's default port unless `--port` was given.
    public var port: UInt16

    /// Creates a server description.
    ///
    /// Port 0 asks the system for any free port.
    public init(profile: ServerProfile, port: UInt16) {
      self.profile = profile
      self.port = port
    }
  }

  /// The servers to run, in LOCAL, DELAY, ERROR order, each at most once.
  ///
  /// Never empty unless ``showHelp`` is set.
  public var servers: [Server]
  /// Log one line per request (`-v`).
  ///
  /// Passed on to every server.
  public var verbose: Bool
  /// `--help` was given: print ``helpText`` and run nothing.
  ///
  /// The other fields are then meaningless.
  public var showHelp: Bool

  /// Creates options directly (tests and embedding); the CLI uses ``parse(_:)``.
  ///
  /// No validation is done here.
  public init(servers: [Server], verbose: Bool = false, showHelp: Bool = false) {
    self.servers = servers
    self.verbose = verbose
    self.showHelp = showHelp
  }

  /// What the arguments of `lessons serve` say, before they become servers.
  ///
  /// ``arguments`` fills it in; ``init(_:)`` turns it into the servers to run.
  ///
  ///     try ServeOptions.arguments.parse(["--seed", "3"]).values?.seed   // 3
  public struct Values: Equatable, Sendable {
    /// `--profile`'s labels, in the order given, repeats and all.
    ///
    /// Empty: all three.
    ///
    ///     values.labels   // [.delay, .error]
    public var labels: [ServerProfile.Label] = []
    /// `--port`'s value.
    ///
    /// nil: each profile's own port.
    ///
    ///     values.port   // 9000
    public var port: UInt16?
    /// `--delay`'s value.
    ///
    /// nil: the book's random 0.5-5.0 s.
    ///
    ///     values.delay   // 0.5 seconds
    public var delay: Duration?
    /// `--error-rate`'s value.
    ///
    /// nil: 0.25, the book's.
    ///
    ///     values.errorRate   // 0.5
    public var errorRate: Double?
    /// `--seed`'s value: the seed of the servers' delays and errors.
    ///
    /// Read as every `--seed` of the project is (``ValueParser/seed``).
    ///
    ///     values.seed   // 0
    public var seed: UInt64 = 0
    /// `-v` was given.
    ///
    /// Every server logs one line per request.
    ///
    ///     values.verbose   // false
    public var verbose = false

    /// No option given: all three servers, as the book has them.
    ///
    /// The parser starts from these.
    ///
    ///     ServeOptions(ServeOptions.Values()).servers.count   // 3
    public init() {}
  }

  /// The options of `lessons serve`, their help and their checks: parsed by ``parse(_:)``,
  /// written out by ``helpText``.
  ///
  /// `--seed` reads its value as every `--seed` of the project does (``ValueParser/seed``);
  /// only its help, and what it seeds, are the server's.
  ///
  ///     ServeOptions.arguments.usage(for: "lessons serve")
  ///     // usage: lessons serve [-h] [--profile LABEL] [--port N] [--delay S]
  ///     //                      [--error-rate R] [--seed N] [-v]
  public static var arguments: ArgumentSet<Values> {
    ArgumentSet(
      Values(),
      options: [
        .value(
          "--profile", valueName: "LABEL",
          help: """
            LOCAL, DELAY or ERROR (any case). Repeat it or give a comma list \
            (--profile delay,error). Default: all three.
              LOCAL  answers at once                   port 8001
              DELAY  waits 0.5-5.0 s (random)          port 8002
              ERROR  fails 25% with HTTP 500,          port 8003
                     delays 50% like DELAY
            """,
          parser: profiles, action: { values, labels in values.labels += labels }),
        .value(
          "--port", valueName: "N",
          help: "listen on port N (1-65535) instead of the default; only with exactly one "
            + "--profile",
          parser: ValueParser.integer(in: 1...65535).map { UInt16(clamping: $0) }, into: \.port),
        .value(
          "--delay", valueName: "S",
          help: "make DELAY and ERROR wait exactly S seconds (0-60) instead of a random "
            + "0.5-5.0 s",
          parser: ValueParser.number(
            in: 0...60, requirement: "must be a number of seconds between 0 and 60"
          ).map { .nanoseconds(Int64(($0 * 1e9).rounded())) },
          into: \.delay),
        .value(
          "--error-rate", valueName: "R",
          help: "share of ERROR requests that fail, 0 to 1 (default 0.25)",
          parser: .number(in: 0...1), into: \.errorRate),
        .value(
          "--seed", valueName: "N",
          help: "seed of the random delays and errors (default 0); the same seed gives every "
            + "URL the same delay and outcome",
          parser: .seed, into: \.seed),
        .flag("-v", "--verbose", help: "log one line per request", set: \.verbose),
      ],
      check: check)
  }

  /// What `lessons serve --help` prints, generated from ``arguments``.
  ///
  /// Ends with a newline.
  ///
  ///     print(ServeOptions.helpText, terminator: "")
  ///     // usage: lessons serve [-h] [--profile LABEL] [--port N] [--delay S]
  ///     // …
  public static var helpText: String {
    arguments.help(for: "lessons serve", description: discussion)
  }

  /// The prose under the usage.
  ///
  /// Kept as written; the rest of the help is generated.
  ///
  ///     ServeOptions.discussion.hasPrefix("Runs the flag site")   // true
  public static let discussion = """
    Runs the flag site on 127.0.0.1 until interrupted: 194 flags as
    /flags/<cc>/<cc>.gif and /flags/<cc>/metadata.json.
    """

  /// Parses the arguments that follow `serve`.
  ///
  /// Every mistake is reported as a ``UsageError`` whose message is one line naming the
  /// option.
  ///
  ///     try ServeOptions.parse(["--profile", "error", "--port", "9000"]).servers[0].port
  ///     // 9000
  public static func parse(_ args: [String]) throws(UsageError) -> ServeOptions {
    switch try arguments.parse(args) {
    case .help: ServeOptions(servers: [], showHelp: true)
    case .values(let values): ServeOptions(values)
    }
  }

  /// The servers `values` ask for: the profiles chosen, in LOCAL, DELAY, ERROR order, each
  /// once.
  ///
  /// The values are assumed checked (``arguments`` checks them).
  ///
  ///     ServeOptions(ServeOptions.Values()).servers.map(\.port)   // [8001, 8002, 8003]
  public init(_ values: Values) {
    let chosen = Self.chosen(values.labels)
    self.init(
      servers: chosen.map { label in
        Server(
          profile: ServerProfile(
            label, fixedDelay: values.delay, errorRate: values.errorRate, seed: values.seed),
          port: values.port ?? label.defaultPort)
      },
      verbose: values.verbose)
  }

  /// The labels chosen, in LOCAL, DELAY, ERROR order: all three when none is given.
  private static func chosen(_ labels: [ServerProfile.Label]) -> [ServerProfile.Label] {
    ServerProfile.Label.allCases.filter { labels.isEmpty || labels.contains($0) }
  }

  /// The options that make sense only together.
  private static func check(_ values: inout Values) throws(UsageError) {
    let chosen = Self.chosen(values.labels)
    let explicit = !values.labels.isEmpty
    if values.port != nil && chosen.count != 1 {
      throw UsageError("--port needs exactly one --profile (\(chosen.count) chosen)")
    }
    if explicit && values.delay != nil && !chosen.contains(.delay) && !chosen.contains(.error) {
      throw UsageError("--delay applies only to the DELAY and ERROR profiles")
    }
    if explicit && values.errorRate != nil && !chosen.contains(.error) {
      throw UsageError("--error-rate applies only to the ERROR profile")
    }
  }

  /// The labels in one `--profile` value, which may be a comma list.
  private static var profiles: ValueParser<[ServerProfile.Label]> {
    ValueParser { text, _ throws(UsageError) in
      var labels: [ServerProfile.Label] = []
      for part in text.split(separator: ",", omittingEmptySubsequences: false) {
        let word = part.trimmingCharacters(in: .whitespaces)
        guard let label = ServerProfile.Label(parsing: word) else {
          throw UsageError("unknown profile '\(word)': expected LOCAL, DELAY or ERROR")
        }
        labels.append(label)
      }
      return labels
    }
  }
}
