/// How the console stamps a line that `display` writes: the time of day to the second (the
/// default, what every transcript holds), to the millisecond, or the time since the run
/// started.
///
/// Code that works in milliseconds prints `[09:00:00]` on every line with the default; the
/// other two styles tell its lines apart.
///
///     let runtime = Runtime.virtual(stamps: .milliseconds)
///     try runtime.run {
///       runtime.sleep(for: .milliseconds(250))
///       runtime.console.display("a quarter second later")
///     }
///     // [09:00:00.250] a quarter second later
///     // (.seconds: [09:00:00] …, .elapsed: [+0.250s] …)
public enum StampStyle: Sendable, Hashable {
  /// `[09:00:00]`: the time of day, to the second.
  ///
  ///     Runtime.virtual().console.display("hi")   // [09:00:00] hi
  case seconds
  /// `[09:00:00.250]`: the time of day, to the millisecond.
  ///
  ///     Runtime.virtual(stamps: .milliseconds).console.display("hi")   // [09:00:00.000] hi
  case milliseconds
  /// `[+0.250s]`: the time since the runtime was made, to the millisecond.
  ///
  ///     Runtime.virtual(stamps: .elapsed).console.display("hi")   // [+0.000s] hi
  case elapsed

  /// The stamp, without its brackets, for a line written `elapsed` after the runtime was
  /// made, on a clock that started at `startOfDay`.
  ///
  ///     StampStyle.elapsed.stamp(elapsed: .milliseconds(1250), startOfDay: .zero)   // "+1.250s"
  public func stamp(elapsed: Duration, startOfDay: Duration) -> String {
    switch self {
    case .seconds:
      return TimeOfDay(startOfDay + elapsed).description
    case .milliseconds:
      return TimeOfDay(startOfDay + elapsed).withMilliseconds
    case .elapsed:
      let milliseconds = max(0, Self.milliseconds(in: elapsed))
      let fraction = milliseconds % 1000
      let padded = fraction < 10 ? "00\(fraction)" : fraction < 100 ? "0\(fraction)" : "\(fraction)"
      return "+\(milliseconds / 1000).\(padded)s"
    }
  }

  /// Whole milliseconds in `duration`, rounded toward zero.
  static func milliseconds(in duration: Duration) -> Int64 {
    let (seconds, attoseconds) = duration.components
    return seconds * 1000 + attoseconds / 1_000_000_000_000_000
  }
}
