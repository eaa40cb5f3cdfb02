/// A pretend flag server: each code takes its own latency, the same every time, so that
/// downloads finish in an order that differs from the order they started.
///
///     try await FlagServer().download("BR")   // after 0.5 s: Flag(code: "BR", bytes: 1544)
public struct FlagServer: Sendable {
  /// The 20 most populous countries, as the flag examples of *Fluent Python* use them.
  public static let populousCodes = [
    "CN", "IN", "US", "ID", "BR", "PK", "NG", "BD", "RU", "JP",
    "MX", "PH", "VN", "ET", "EG", "DE", "IR", "TR", "CD", "FR",
  ]

  /// The latency of the slowest code.
  public var slowest: Duration { .milliseconds(100 * 9) }

  /// A server whose latencies run from 0.1 to 0.9 seconds.
  public init() {}

  /// How long downloading `code` takes: 0.1 to 0.9 seconds, from its letters.
  ///
  ///     FlagServer().latency(of: "CN")   // .milliseconds(500)
  public func latency(of code: String) -> Duration {
    let sum = code.unicodeScalars.reduce(0) { $0 * 31 + Int($1.value) }
    return .milliseconds(100 * (1 + sum % 9))
  }

  /// Downloads the flag of `code`, sleeping for its latency; cancellation throws.
  public func download(_ code: String) async throws -> Flag {
    try await Task.sleep(for: latency(of: code))
    let sum = code.unicodeScalars.reduce(0) { $0 * 7 + Int($1.value) }
    return Flag(code: code, bytes: 1_000 + sum % 2_000)
  }
}
