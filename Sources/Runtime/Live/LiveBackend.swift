import Foundation

/// Real OS threads, real (optionally faster) time.
final class LiveBackend: RuntimeBackend, @unchecked Sendable {
  let speed: Double
  let clock: LiveClock
  let startOfDay: Duration
  private let executors = Protected<[LiveTaskExecutor]>([])

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
    guard trace.recordsBlocking, duration > .zero else { return clock.sleep(for: duration) }
    let now = clock.elapsed
    trace.record(.blocked(.sleep(until: now + duration)), at: now)
    clock.sleep(for: duration)
    trace.record(.unblocked, at: clock.elapsed)
  }

  func spawn(runtime: Runtime, name: String, _ body: @escaping @Sendable () -> Void)
    -> any RuntimeThread
  {
    LiveThread(runtime: runtime, name: name, clock: clock, body: body)
  }

  func makeCondition(_ label: String, reason: BlockReason?, trace: Trace) -> any RuntimeCondition {
    LiveCondition(clock: clock, trace: trace, label: label, reason: reason)
  }

  func address(of object: AnyObject) -> String {
    "0x" + String(UInt(bitPattern: Unmanaged.passUnretained(object).toOpaque()), radix: 16)
  }

  func yieldPoint() {}
  func spin(until ready: () -> Bool) -> Bool { LiveSpin.poll(until: ready) }

  func runAsync<T: Sendable>(runtime: Runtime, _ body: @escaping @Sendable () async throws -> T)
    throws -> T
  {
    let executor = LiveTaskExecutor(runtime: runtime)
    // Tasks refer to their preferred executor without owning it: keep it as long as the
    // runtime, so that a continuation resumed late can never reach a freed executor.
    executors.withLock { $0.append(executor) }
    let done = DispatchSemaphore(value: 0)
    let box = ResultBox<T>()
    Task(executorPreference: executor) {
      do { box.set(.success(try await body())) } catch { box.set(.failure(error)) }
      done.signal()
    }
    done.wait()
    return try box.get()
  }

  func sleep(until deadline: Duration) async throws {
    let remaining = deadline - now
    guard remaining > .zero else { return }
    try await Task.sleep(nanoseconds: UInt64(LiveClock.realNanoseconds(remaining, speed: speed)))
  }
}
