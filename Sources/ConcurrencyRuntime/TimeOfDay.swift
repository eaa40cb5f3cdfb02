/// A time of day, as the console stamps it: `[HH:MM:SS]`, or `[HH:MM:SS.mmm]` with
/// ``StampStyle/milliseconds``.
///
///     TimeOfDay(.seconds(9 * 3600) + .milliseconds(250)).description        // "09:00:00"
///     TimeOfDay(.seconds(9 * 3600) + .milliseconds(250)).withMilliseconds   // "09:00:00.250"
public struct TimeOfDay: Sendable, Equatable, CustomStringConvertible {
  /// Whole seconds since midnight.
  public let secondsSinceMidnight: Int
  /// Whole milliseconds past ``secondsSinceMidnight``, from 0 to 999.
  ///
  ///     TimeOfDay(.milliseconds(1_250)).millisecond   // 250
  public let millisecond: Int

  /// The time of day `sinceMidnight` after midnight (wrapping past 24 hours).
  public init(_ sinceMidnight: Duration) {
    let milliseconds = StampStyle.milliseconds(in: sinceMidnight)
    let day: Int64 = 86_400_000
    let wrapped = Int(((milliseconds % day) + day) % day)
    secondsSinceMidnight = wrapped / 1000
    millisecond = wrapped % 1000
  }

  /// `HH:MM:SS`.
  public var description: String {
    let h = secondsSinceMidnight / 3600
    let m = secondsSinceMidnight / 60 % 60
    let s = secondsSinceMidnight % 60
    return "\(Self.pad(h)):\(Self.pad(m)):\(Self.pad(s))"
  }

  /// `HH:MM:SS.mmm`.
  ///
  ///     TimeOfDay(.seconds(9 * 3600) + .milliseconds(7)).withMilliseconds   // "09:00:00.007"
  public var withMilliseconds: String {
    let ms =
      millisecond < 10
      ? "00\(millisecond)" : millisecond < 100 ? "0\(millisecond)" : "\(millisecond)"
    return "\(description).\(ms)"
  }

  private static func pad(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
}
