/// Why a request got no HTTP answer at all.
///
/// The chapter's programs count both cases as errors, as they count an HTTP error. The
/// description is what their verbose output shows after `*** Error for CC: `.
///
///     print(FlagNetworkError.timedOut(after: .milliseconds(3100)))
///     // Timed out after 3.1 s
public enum FlagNetworkError: Error, Equatable, CustomStringConvertible, Sendable {
  /// No connection: refused, unreachable, or a host name that does not resolve.
  ///
  /// Carries the underlying explanation, e.g. `Could not resolve host: flupy.org`.
  case connectionFailed(String)
  /// An answer came, but not a well-formed one: not HTTP, cut short, or longer than it said.
  ///
  /// Carries what was wrong, e.g. `the connection closed after 100 of 11843 body bytes`.
  case badResponse(String)
  /// Connected (or trying to), but no complete answer within the time-out.
  case timedOut(after: Duration)
  /// The request's task was cancelled before the answer came.
  case cancelled

  /// `Connection error (reason)`, `Bad response (reason)`, `Timed out after 3.1 s` or
  /// `Cancelled`.
  public var description: String {
    switch self {
    case .connectionFailed(let reason): "Connection error (\(reason))"
    case .badResponse(let reason): "Bad response (\(reason))"
    case .timedOut(let limit): "Timed out after \(Self.seconds(limit)) s"
    case .cancelled: "Cancelled"
    }
  }

  /// Seconds with at most three decimals and no trailing zeros: `3.1`, `0.25`, `10`.
  static func seconds(_ duration: Duration) -> String {
    let (whole, attoseconds) = duration.components
    let millis = whole * 1000 + attoseconds / 1_000_000_000_000_000
    var text = "\(millis / 1000)"
    var fraction = millis % 1000
    if fraction > 0 {
      var digits = 3
      while fraction % 10 == 0 {
        fraction /= 10
        digits -= 1
      }
      let padded = String(repeating: "0", count: digits - "\(fraction)".count) + "\(fraction)"
      text += "." + padded
    }
    return text
  }
}
