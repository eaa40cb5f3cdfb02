import Foundation

/// Real OS threads, real (optionally faster) time.
final class LiveBackend: RuntimeBackend, @unchecked Sendable {
  let speed: Double
  let clock: LiveClock
  let startOfDay: Duration
  private let executors = Protected<[EventLoop]>([])

  init(speed: Double) {
    self.speed = speed
    self.clock = LiveClock(speed: speed)
    self.startOfDay = LiveClock.localTimeOfDay()
  }

  var capabilities: RuntimeCapabilities {
    RuntimeCapabilities(
      spinningPays: true, addressesInOrderOfAsking: false, primitivesWorkOutside: true)
  }
  var seed: UInt64? { nil }
  var schedule: Schedule? { nil }
  var cpuCount: Int { ProcessInfo.processInfo.activeProcessorCount }
  var now: Duration { clock.elapsed }

  func run<T: Sendable>(runtime: Runtime, _ body: @escaping @Sendable () throws -> T) throws -> T {
    let previous = ThreadContext.install(ThreadContext(runtime: runtime, name: "MainThread"))
    defer { ThreadContext.install(previous) }
    return try body()
  }

  func sleep(for duration: Duration, trace: Trace) {
    Scheduler.refuseLiveObject("sleep(for:)")
    guard trace.recordsBlocking, duration > .zero else { return clock.sleep(for: duration) }
    let now = clock.elapsed
    trace.record(.blocked(.sleep(until: now + duration)), at: now)
    clock.sleep(for: duration)
    trace.record(.unblocked, at: clock.elapsed)
  }

  func spawn(runtime: Runtime, name: String, _ body: @escaping @Sendable () -> Void)
    -> any RuntimeThread
  {
    Scheduler.refuseLiveObject("spawn(name: \"\(name)\")")
    return LiveThread(runtime: runtime, name: name, clock: clock, body: body)
  }

  func makeCondition(_ label: String, reason: BlockReason?, trace: Trace) -> any RuntimeCondition {
    LiveCondition(clock: clock, trace: trace, label: label, reason: reason)
  }

  func address(of object: AnyObject) -> String {
    "0x" + String(UInt(bitPattern: Unmanaged.passUnretained(object).toOpaque()), radix: 16)
  }

  func yieldPoint() {}
  func spin(until ready: () -> Bool) -> Bool { LiveSpin.poll(until: ready) }

  /// Runs `body` on an ``EventLoop`` on the calling thread, as `asyncio.run` does: every task
  /// of the run, its children included, runs there one at a time, with the runtime's
  /// `EventLoop` thread context; when no task can run, the thread sleeps in `epoll_wait`.
  func runAsync<T: Sendable>(runtime: Runtime, _ body: @escaping @Sendable () async throws -> T)
    throws -> T
  {
    let loop = try EventLoop(
      name: "EventLoop", context: ThreadContext(runtime: runtime, name: "EventLoop"))
    // Tasks refer to their preferred executor without owning it: keep it as long as the
    // runtime, so that a continuation resumed late can never reach a freed executor.
    executors.withLock { $0.append(loop) }
    return try loop.run(body)
  }

  /// Sleeps on the calling thread's event loop when there is one (its timer heap bounds the
  /// loop's `epoll_wait`), else with `Task.sleep`.
  func sleep(until deadline: Duration) async throws {
    let remaining = deadline - now
    guard remaining > .zero else { return }
    let nanos = LiveClock.realNanoseconds(remaining, speed: speed)
    if let loop = EventLoop.current {
      try await loop.sleep(until: .now + .nanoseconds(nanos))
    } else {
      try await Task.sleep(nanoseconds: UInt64(nanos))
    }
  }
}
