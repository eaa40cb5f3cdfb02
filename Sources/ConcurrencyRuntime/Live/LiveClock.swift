import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Real time, scaled by a speed factor.
struct LiveClock: Sendable {
  let speed: Double
  let start: UInt64 = LiveClock.monotonicNanoseconds()

  /// Scaled time since the clock started.
  var elapsed: Duration {
    let real = Double(LiveClock.monotonicNanoseconds() - start)
    return .nanoseconds(Int64(min(real * speed, 9.2e18)))
  }

  static func monotonicNanoseconds() -> UInt64 {
    var now = timespec()
    clock_gettime(CLOCK_MONOTONIC, &now)
    return UInt64(now.tv_sec) * 1_000_000_000 + UInt64(now.tv_nsec)
  }

  /// The real nanoseconds that `duration` of scaled time takes, saturating at the ends of
  /// `Int64` (a time-out of years at a slow speed is "forever", not a trap).
  static func realNanoseconds(_ duration: Duration, speed: Double) -> Int64 {
    let (seconds, attoseconds) = duration.components
    let nanos = ((Double(seconds) * 1e9 + Double(attoseconds) / 1e9) / speed).rounded()
    guard nanos.isFinite, nanos < 9.2e18 else { return nanos < 0 ? .min : .max }
    guard nanos > -9.2e18 else { return .min }
    return Int64(nanos)
  }

  /// Blocks the calling OS thread for `duration` of scaled time.
  func sleep(for duration: Duration) {
    let nanos = LiveClock.realNanoseconds(duration, speed: speed)
    guard nanos > 0 else { return }
    var request = timespec(tv_sec: Int(nanos / 1_000_000_000), tv_nsec: Int(nanos % 1_000_000_000))
    var remaining = timespec()
    while nanosleep(&request, &remaining) != 0 && errno == EINTR {
      request = remaining
    }
  }

  /// The local time of day now, as a duration since midnight.
  static func localTimeOfDay() -> Duration {
    var seconds = time(nil)
    var parts = tm()
    localtime_r(&seconds, &parts)
    return .seconds(Int(parts.tm_hour) * 3600 + Int(parts.tm_min) * 60 + Int(parts.tm_sec))
  }
}
