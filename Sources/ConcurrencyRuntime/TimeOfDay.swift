/// A time of day, as the console stamps it: `[HH:MM:SS]`.
public struct TimeOfDay: Sendable, Equatable, CustomStringConvertible {
  /// Whole seconds since midnight.
  public let secondsSinceMidnight: Int

  /// The time of day `sinceMidnight` after midnight (wrapping past 24 hours).
  public init(_ sinceMidnight: Duration) {
    let seconds = Int(sinceMidnight.components.seconds)
    secondsSinceMidnight = ((seconds % 86_400) + 86_400) % 86_400
  }

  /// `HH:MM:SS`.
  public var description: String {
    let h = secondsSinceMidnight / 3600
    let m = secondsSinceMidnight / 60 % 60
    let s = secondsSinceMidnight % 60
    return "\(Self.pad(h)):\(Self.pad(m)):\(Self.pad(s))"
  }

  private static func pad(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
}
