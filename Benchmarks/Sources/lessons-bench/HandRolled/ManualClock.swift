/// The plain-Swift peer of the virtual runtime's clock, for `lessons-bench virtual-async`: a
/// `Clock` whose time moves only when its ``ManualExecutor`` has nothing left to run.
///
/// Plain `Task.sleep(for:)` cannot be moved onto it without the toolchain's scheduling SPI,
/// so code must be handed the clock and sleep on it (`clock.sleep(for:)`), as
/// pointfreeco/swift-clocks' `TestClock` asks. A sleep registers its continuation; the
/// executor, when idle, jumps to the earliest deadline and resumes every sleeper due then, in
/// an order drawn from its seed (sleepers due together are a scheduling decision too).
///
///     let executor = ManualExecutor(seed: 3)
///     try executor.run { try await executor.clock.sleep(for: .seconds(2)) }
///     executor.clock.now.offset   // 2 seconds
struct ManualClock: Clock, Sendable {
  /// A point on the manual timeline: the time since the clock was made.
  struct Instant: InstantProtocol {
    var offset: Duration

    func advanced(by duration: Duration) -> Instant { Instant(offset: offset + duration) }
    func duration(to other: Instant) -> Duration { other.offset - offset }
    static func < (lhs: Instant, rhs: Instant) -> Bool { lhs.offset < rhs.offset }
  }

  let timeline: ManualTimeline

  var now: Instant { Instant(offset: timeline.now) }
  var minimumResolution: Duration { .nanoseconds(1) }

  func sleep(until deadline: Instant, tolerance: Duration? = nil) async throws {
    if deadline.offset <= timeline.now { return }
    await withUnsafeContinuation { continuation in
      timeline.add(deadline.offset, continuation)
    }
  }
}
