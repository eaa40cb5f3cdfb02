/// A `Clock` for async code on a runtime's timeline: real time (scaled by the speed) live,
/// the virtual clock in virtual time, so async sleeps and thread sleeps interleave correctly.
///
///     try await runtime.clock.sleep(for: .seconds(1))
public struct RuntimeClock: Clock, Sendable {
  /// A point on the runtime's timeline.
  public struct Instant: InstantProtocol, Sendable {
    /// Time since the runtime started.
    public var offset: Duration

    /// The instant `duration` later.
    public func advanced(by duration: Duration) -> Instant {
      Instant(offset: offset + duration)
    }

    /// The time from this instant to `other`.
    public func duration(to other: Instant) -> Duration { other.offset - offset }

    public static func < (lhs: Instant, rhs: Instant) -> Bool { lhs.offset < rhs.offset }
  }

  /// The runtime whose timeline this clock reads.
  public let runtime: Runtime

  /// The current instant.
  public var now: Instant { Instant(offset: runtime.now) }

  /// One nanosecond.
  public var minimumResolution: Duration { .nanoseconds(1) }

  /// Suspends the calling task until `deadline`.
  public func sleep(until deadline: Instant, tolerance: Duration? = nil) async throws {
    try await runtime.sleep(until: deadline.offset)
  }
}
