import Foundation

/// The options of `lessons serve`, parsed and checked.
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

  /// What `lessons serve --help` prints.
  ///
  /// Ends with a newline.
  public static let helpText = """
    USAGE: lessons serve [--profile LABEL ...] [--port N] [--delay S]
                         [--error-rate R] [--seed N] [-v]

    Runs the flag site on 127.0.0.1 until interrupted: 194 flags as
    /flags/<cc>/<cc>.gif and /flags/<cc>/metadata.json.

    OPTIONS:
      --profile LABEL   LOCAL, DELAY or ERROR (any case). Repeat it or give
                        a comma list (--profile delay,error). Default: all three.
                          LOCAL  answers at once                   port 8001
                          DELAY  waits 0.5-5.0 s (random)          port 8002
                          ERROR  fails 25% with HTTP 500,          port 8003
                                 delays 50% like DELAY
      --port N          listen on port N (1-65535) instead of the default;
                        only with exactly one --profile
      --delay S         make DELAY and ERROR wait exactly S seconds (0-60)
                        instead of a random 0.5-5.0 s
      --error-rate R    share of ERROR requests that fail, 0 to 1 (default 0.25)
      --seed N          seed of the random delays and errors (default 0); the
                        same seed gives every URL the same delay and outcome
      -v, --verbose     log one line per request
      -h, --help        show this help

    """

  /// Parses the arguments that follow `serve`.
  ///
  /// Accepts `--option value` and `--option=value`. Every mistake is reported as a
  /// ``UsageError`` whose message is one line naming the option.
  public static func parse(_ args: [String]) throws(UsageError) -> ServeOptions {
    var labels: [ServerProfile.Label] = []
    var port: UInt16?
    var delay: Duration?
    var errorRate: Double?
    var seed: UInt64 = 0
    var verbose = false
    var index = 0

    while index < args.count {
      var name = args[index]
      var inline: String?
      if name.hasPrefix("--"), let equals = name.firstIndex(of: "=") {
        inline = String(name[name.index(after: equals)...])
        name = String(name[..<equals])
      }
      index += 1
      func value() throws(UsageError) -> String {
        if let inline { return inline }
        guard index < args.count else { throw UsageError("\(name) needs a value") }
        index += 1
        return args[index - 1]
      }
      switch name {
      case "-h", "--help":
        return ServeOptions(servers: [], verbose: verbose, showHelp: true)
      case "-v", "--verbose":
        verbose = true
      case "--profile":
        labels += try parseLabels(try value())
      case "--port":
        let text = try value()
        guard let number = Int(text), (1...65535).contains(number) else {
          throw UsageError("--port must be between 1 and 65535, not '\(text)'")
        }
        port = UInt16(number)
      case "--delay":
        let text = try value()
        guard let seconds = Double(text), seconds.isFinite, (0...60).contains(seconds) else {
          throw UsageError("--delay must be a number of seconds between 0 and 60, not '\(text)'")
        }
        delay = .nanoseconds(Int64((seconds * 1e9).rounded()))
      case "--error-rate":
        let text = try value()
        guard let rate = Double(text), rate.isFinite, (0...1).contains(rate) else {
          throw UsageError("--error-rate must be between 0 and 1, not '\(text)'")
        }
        errorRate = rate
      case "--seed":
        let text = try value()
        guard let number = UInt64(text) else {
          throw UsageError("--seed must be a whole number from 0 to \(UInt64.max), not '\(text)'")
        }
        seed = number
      default:
        if name.hasPrefix("-") { throw UsageError("unknown option '\(name)'") }
        throw UsageError("unexpected argument '\(name)'")
      }
    }

    let explicit = !labels.isEmpty
    let chosen = ServerProfile.Label.allCases.filter { explicit ? labels.contains($0) : true }
    if port != nil && chosen.count != 1 {
      throw UsageError("--port needs exactly one --profile (\(chosen.count) chosen)")
    }
    if explicit && delay != nil && !chosen.contains(.delay) && !chosen.contains(.error) {
      throw UsageError("--delay applies only to the DELAY and ERROR profiles")
    }
    if explicit && errorRate != nil && !chosen.contains(.error) {
      throw UsageError("--error-rate applies only to the ERROR profile")
    }
    let servers = chosen.map { label in
      Server(
        profile: ServerProfile(label, fixedDelay: delay, errorRate: errorRate, seed: seed),
        port: port ?? label.defaultPort)
    }
    return ServeOptions(servers: servers, verbose: verbose)
  }

  /// The labels in one `--profile` value, which may be a comma list.
  private static func parseLabels(_ text: String) throws(UsageError) -> [ServerProfile.Label] {
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
