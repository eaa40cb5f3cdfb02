import Foundation

/// Simulated threads on a virtual clock: deterministic, instant, reproducible.
final class VirtualBackend: RuntimeBackend, @unchecked Sendable {
  let scheduler: Scheduler
  let seed: UInt64?
  let cpuCount: Int
  let startOfDay: Duration
  private let addressLock = NSLock()
  private var addressCount: UInt64 = 0
  /// The executors of the `runAsync` calls in progress, innermost last (guarded by the
  /// scheduler's lock): where a `Task {}` started in the run goes.
  private var executors: [VirtualTaskExecutor] = []
  /// The virtual CPUs that `compute(for:)` occupies.
  let cores: VirtualCores

  init(
    seed: UInt64?, schedule: Schedule?, cpuCount: Int, startOfDay: Duration,
    stallLimit: Duration = .seconds(30)
  ) {
    self.scheduler = Scheduler(
      policy: schedule.map(SchedulingPolicy.replaying) ?? .seeded(seed), stallLimit: stallLimit)
    self.cores = VirtualCores(count: cpuCount, scheduler: scheduler)
    self.seed = seed
    self.cpuCount = cpuCount
    self.startOfDay = startOfDay
  }

  var capabilities: RuntimeCapabilities {
    RuntimeCapabilities(
      spinningPays: false, addressesInOrderOfAsking: true, primitivesWorkOutside: false,
      codeTakesTime: false)
  }
  var speed: Double { 1 }
  var schedule: Schedule? { scheduler.schedule }
  var now: Duration { scheduler.now }

  func run<T: Sendable>(runtime: Runtime, _ body: @escaping @Sendable () throws -> T) throws -> T {
    try scheduler.run(runtime: runtime, body)
  }

  func sleep(for duration: Duration, trace: Trace) { scheduler.sleep(for: duration) }

  func spawn(runtime: Runtime, name: String, _ body: @escaping @Sendable () -> Void)
    -> any RuntimeThread
  {
    scheduler.spawn(runtime: runtime, name: name, body)
  }

  func makeCondition(_ label: String, reason: BlockReason?, trace: Trace) -> any RuntimeCondition {
    VirtualCondition(label: label, reason: reason, scheduler: scheduler)
  }

  /// Addresses that look like CPython's (`0x7f…`) and depend only on the order objects asked.
  func address(of object: AnyObject) -> String {
    let n = addressLock.withLock {
      addressCount += 1
      return addressCount
    }
    return "0x" + String(0x7f3a_5c00_0000 + n * 0x1d0, radix: 16)
  }

  func yieldPoint() { scheduler.yieldPoint() }
  func spin(until ready: () -> Bool) -> Bool { false }

  func runAsync<T: Sendable>(runtime: Runtime, _ body: @escaping @Sendable () async throws -> T)
    throws -> T
  {
    _ = ToolchainHooks.installed
    #if compiler(>=6.3) && !LESSONS_NO_TOOLCHAIN_HOOKS
      _ = VirtualDefaultExecutor.installed
    #endif
    let executor = VirtualTaskExecutor.make(scheduler: scheduler)
    let box = ResultBox<T>()
    scheduler.lock()
    executors.append(executor)
    scheduler.unlock()
    defer {
      scheduler.lock()
      executors.removeAll { $0 === executor }
      scheduler.unlock()
    }
    let loop = scheduler.spawn(runtime: runtime, name: "EventLoop") { executor.runLoop() }
    Task(executorPreference: executor) {
      await Runtime.$task.withValue(runtime) {
        do { box.set(.success(try await body())) } catch { box.set(.failure(error)) }
      }
      executor.finish()
    }
    loop.join()
    return try box.get()
  }

  /// The executor of the innermost `runAsync` now running, if any.
  var innermostExecutor: VirtualTaskExecutor? {
    scheduler.lock()
    defer { scheduler.unlock() }
    return executors.last
  }

  /// Takes the first job of a `Task {}` or `Task.detached` started on one of the run's
  /// threads (see ``ToolchainHooks``): it runs on the innermost `runAsync`'s executor, and
  /// where none is running, the run ends with the escape.
  func startTask(_ job: UnownedJob) {
    scheduler.lock()
    defer { scheduler.unlock() }
    guard let executor = executors.last else {
      let thread = ThreadContext.current?.name ?? "a thread"
      scheduler.record(.taskOutsideAsyncCode(thread: thread, run: scheduler.runNumber))
      return
    }
    guard scheduler.callerIsInside else {
      return executor.hold(
        job,
        .resumedFromOutside(
          thread: Scheduler.describeCallingThread(), run: scheduler.runNumber))
    }
    executor.ready(job)
  }

  func sleep(until deadline: Duration) async throws {
    try Task.checkCancellation()
    let sleeper = VirtualSleeper(scheduler: scheduler)
    try await withTaskCancellationHandler {
      try await withCheckedThrowingContinuation { continuation in
        sleeper.start(until: deadline, continuation)
      }
    } onCancel: {
      sleeper.cancel()
    }
  }
}

/// One async sleep on the virtual clock: a timer that resumes its continuation, or a
/// cancellation that resumes it first with `CancellationError`. Internal for its tests.
final class VirtualSleeper: @unchecked Sendable {
  private unowned(unsafe) let scheduler: Scheduler
  private var continuation: CheckedContinuation<Void, any Error>?
  private var timer: TimerAction?
  private var cancelled = false

  init(scheduler: Scheduler) { self.scheduler = scheduler }

  func start(until deadline: Duration, _ continuation: CheckedContinuation<Void, any Error>) {
    scheduler.lock()
    if cancelled {
      scheduler.unlock()
      continuation.resume(throwing: CancellationError())
      return
    }
    if deadline <= scheduler.now {
      scheduler.unlock()
      continuation.resume()
      return
    }
    self.continuation = continuation
    // Weakly: the sleeper keeps its timer (to cancel it), so a timer that kept the sleeper
    // would make a cycle, and every async sleep would leak both (LeakSanitizer found it). The
    // sleeping task keeps the sleeper alive until it wakes.
    let timer = TimerAction { [weak self] in
      guard let self else { return }
      let waiting = self.continuation
      self.continuation = nil
      waiting?.resume()
    }
    self.timer = timer
    scheduler.schedule(at: deadline, timer)
    scheduler.unlock()
  }

  func cancel() {
    scheduler.lock()
    cancelled = true
    timer?.cancel()
    let waiting = continuation
    continuation = nil
    scheduler.unlock()
    waiting?.resume(throwing: CancellationError())
  }
}
