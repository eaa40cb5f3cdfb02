import CommandLineKit
import ConcurrencyRuntime
import Dispatch
import Flags
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// `lessons serve`: the book's flag sites on 127.0.0.1 (LOCAL 8001, DELAY 8002, ERROR 8003)
/// until Ctrl-C.
///
/// Usage errors print one line and a hint on standard error and return 2; a port in use
/// returns 1; a clean stop on SIGINT or SIGTERM returns 0. The options are
/// ``ServeOptions/arguments``.
enum ServeCommand: ParsableCommand {
  static let name = "serve"
  static let summary = "the loopback flag server (see 'lessons serve --help')"
  static var arguments: ArgumentSet<ServeOptions.Values> { ServeOptions.arguments }
  static var discussion: String { ServeOptions.discussion }

  /// `lessons serve: MESSAGE` and where to read more.
  static func usageErrorText(_ error: UsageError, in program: Program) -> String {
    let invocation = program.invocation(of: self)
    return "\(invocation): \(error.message)\nTry '\(invocation) --help' for more information.\n"
  }

  /// Serves until SIGINT or SIGTERM; returns the exit status.
  static func run(_ values: ServeOptions.Values, in program: Program) -> Int32 {
    let options = ServeOptions(values)
    StandardStream.failureHandler = OutputFailurePolicy.serving
    var servers: [FlagServer] = []
    for wanted in options.servers {
      let server = FlagServer(
        profile: wanted.profile, port: wanted.port, verbose: options.verbose
      ) { line in standardError(line.hasSuffix("\n") ? line : line + "\n") }
      do {
        try server.start()
      } catch {
        for started in servers { started.stop() }
        standardError("error: \(error)\n")
        return 1
      }
      servers.append(server)
      standardOutput("Serving \(describe(wanted.profile)) at \(server.baseURL)\n")
    }
    standardOutput("Press Ctrl-C to stop.\n")
    let stoppers = [SIGINT, SIGTERM].map { number in
      signal(number, SIG_IGN)
      let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
      source.setEventHandler { for server in servers { server.stop() } }
      source.resume()
      return source
    }
    for server in servers { try? server.serveForever() }
    for stopper in stoppers { stopper.cancel() }
    standardOutput("Stopped.\n")
    return 0
  }

  /// `LOCAL flags (no delay)`, `DELAY flags (0.5-5.0 s delay, seed 0)`, …
  static func describe(_ profile: ServerProfile) -> String {
    let delay: String
    switch profile.delay {
    case .none: delay = "no delay"
    case .fixed(let wait): delay = "\(seconds(wait)) s delay"
    case .uniform(let low, let high): delay = "\(seconds(low))-\(seconds(high)) s delay"
    }
    var parts = [delay]
    if profile.label == .error {
      parts[0] += " on \(Int((profile.delayedShare * 100).rounded()))%"
      parts.append("\(Int((profile.errorRate * 100).rounded()))% errors")
    }
    if profile.label != .local { parts.append("seed \(profile.seed)") }
    return "\(profile.label.rawValue) flags (\(parts.joined(separator: ", ")))"
  }

  private static func seconds(_ duration: Duration) -> String {
    let (whole, attoseconds) = duration.components
    return String(format: "%.1f", Double(whole) + Double(attoseconds) / 1e18)
  }

  private static func standardOutput(_ text: String) { StandardStream.output.write(text) }

  private static func standardError(_ text: String) { StandardStream.error.write(text) }
}
