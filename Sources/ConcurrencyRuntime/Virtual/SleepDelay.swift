/// Recovers the duration of a sleep on a real-time clock from what is left of it when it
/// reaches the virtual executor.
///
/// `Task.sleep(for: .seconds(1))` on `ContinuousClock` hands the executor a deadline, real
/// now plus one second; by the time the executor reads the clock, a few microseconds have
/// passed, so the delay it sees is a little less than the second asked for (2 µs in a debug
/// build, 160 µs for the first sleep of a process). The true duration is the roundest one
/// just above the remainder (the one with the fewest significant digits), provided it is
/// near the remainder for its grain: within a hundredth of the grain (or 20 µs), and never
/// more than ``window`` away.
///
///     SleepDelay.recover(remaining: .nanoseconds(999_993_500))     // 1 second
///     SleepDelay.recover(remaining: .nanoseconds(1_094_995_000))   // 1.095 seconds
///     // (not 1.1: 5 ms is too far for a grain of 100 ms)
///     SleepDelay.recover(remaining: .nanoseconds(1_499_000))       // 1.5 milliseconds
///
/// Real time passes between the sleep's call and the executor: other jobs run, and on a
/// loaded machine the OS thread may be preempted for milliseconds. The executor then passes
/// `withinJob`, an upper bound of that time (the real time since the job that made the
/// running one ready began), and the roundest duration between the remainder and the
/// remainder plus `withinJob` is taken.
///
///     SleepDelay.recover(remaining: .nanoseconds(97_880_000), withinJob: .milliseconds(3))
///     // 100 milliseconds (without withinJob: 97.88)
enum SleepDelay {
  /// The widest window searched: a sleep reaches the executor well within this much real
  /// time of being asked for, unless its OS thread was preempted in between.
  static let window: Duration = .milliseconds(1)

  /// The roundest duration at most ``window`` (or `withinJob`) above `remaining`, as above;
  /// zero for a sleep already over.
  static func recover(remaining: Duration, withinJob: Duration = .zero) -> Duration {
    let low = nanoseconds(remaining)
    let known = nanoseconds(withinJob)
    let slack = max(nanoseconds(window), known)
    guard low + slack > 0 else { return .zero }
    let start = max(low, 0)
    var grain: Int64 = 1_000_000_000_000
    while grain >= 1 {
      let candidate = (start + grain - 1) / grain * grain
      let gap = candidate - low
      if candidate > 0, gap <= slack, gap <= max(grain / 100, 20_000, known) {
        return .nanoseconds(candidate)
      }
      grain /= 10
    }
    return .nanoseconds((start + 500) / 1000 * 1000)
  }

  private static func nanoseconds(_ duration: Duration) -> Int64 {
    let (seconds, attoseconds) = duration.components
    return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
  }
}
