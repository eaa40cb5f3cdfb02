import Foundation

/// The seam every lesson runs on: time, threads, blocking primitives, an async executor and a
/// console, in a live flavour (real OS threads, real time) and a virtual one (a deterministic
/// scheduler on a virtual clock).
///
/// Code written against `Runtime` runs unchanged in both. Live, a thread is an OS thread and
/// `sleep` really waits. Virtual, exactly one simulated thread runs at a time, every blocking
/// call hands the baton on, and time jumps to the next deadline only when nothing can run, so
/// the same program prints the same bytes every time:
///
///     let runtime = Runtime.virtual()
///     try runtime.run {
///       let worker = runtime.spawn(name: "worker") {
///         runtime.sleep(for: .seconds(2))
///         runtime.console.display("worker done")
///       }
///       runtime.console.display("main waits")
///       worker.join()
///     }
///     // [09:00:00] main waits
///     // [09:00:02] worker done
///
/// Code that runs inside a runtime finds it as `Runtime.current`, so helpers need not pass it.
public final class Runtime: Sendable {
  let backend: any RuntimeBackend

  /// Where console output goes and what was said when.
  public let console: Console

  /// The structured record of everything that happened: output, task spans, marks.
  public let trace: Trace

  /// A `Clock` for async code, on the same timeline as the threads.
  public var clock: RuntimeClock { RuntimeClock(runtime: self) }

  init(
    backend: any RuntimeBackend, stamps: StampStyle = .seconds,
    output: @escaping @Sendable (ConsoleOutput) -> Void
  ) {
    self.backend = backend
    self.capabilities = backend.capabilities
    let trace = Trace()
    self.trace = trace
    self.console = Console(trace: trace, stamps: stamps, output: output)
    console.runtime = self
  }

  /// A runtime on real OS threads and the real clock, optionally `speed` times faster.
  ///
  /// Sleeps and time-outs are divided by `speed`; `now` is multiplied by it, so a lesson run at
  /// `speed: 10` prints the same timestamps as at normal speed, ten times sooner. `speed` must
  /// lie in ``speeds``.
  public static func live(
    speed: Double = 1, output: @escaping @Sendable (ConsoleOutput) -> Void = Console.standardOutput
  ) -> Runtime {
    precondition(speeds.contains(speed), "speed must be from 0.01 to 1000")
    return Runtime(backend: LiveBackend(speed: speed), output: output)
  }

  /// The speeds a live runtime keeps faithful: from a hundred times slower (a 5-second lesson
  /// takes 8 minutes) to a thousand times faster (where a millisecond of real time, about what
  /// waking a thread costs, is already a second of lesson time).
  public static let speeds: ClosedRange<Double> = 0.01...1000

  /// A deterministic runtime: simulated threads on a virtual clock.
  ///
  /// Without a seed the scheduler is FIFO (the canonical schedule). With a seed it picks among
  /// the threads runnable at the same instant pseudo-randomly, reproducibly from `seed`. With
  /// a `schedule` (recorded by an earlier run, see ``schedule``) it makes exactly those
  /// decisions again; a run that stops fitting them throws
  /// ``RuntimeError/scheduleDiverged(at:)``.
  ///
  /// A run that makes no progress for `stallLimit` of real time (a thread holding the baton
  /// waits on real I/O or a semaphore outside the runtime) ends with
  /// ``RuntimeError/stalled(holder:after:threads:)`` instead of hanging. `stamps` is how the
  /// console stamps its lines (``StampStyle/seconds``, `[09:00:00]`, by default).
  public static func virtual(
    seed: UInt64? = nil, schedule: Schedule? = nil, cpuCount: Int = 4,
    startOfDay: Duration = .seconds(9 * 3600), stallLimit: Duration = .seconds(30),
    stamps: StampStyle = .seconds,
    output: @escaping @Sendable (ConsoleOutput) -> Void = { _ in }
  ) -> Runtime {
    let backend = VirtualBackend(
      seed: seed, schedule: schedule, cpuCount: cpuCount, startOfDay: startOfDay,
      stallLimit: stallLimit)
    return Runtime(backend: backend, stamps: stamps, output: output)
  }

  /// The runtime of the calling thread; on a thread of no runtime, the runtime of the calling
  /// task when a virtual run started it (`@MainActor` code of a virtual run's task); else a
  /// shared live one.
  public static var current: Runtime { ThreadContext.current?.runtime ?? task ?? shared }

  /// The virtual runtime whose `runAsync` started the calling task, so that its code finds
  /// that runtime on a thread of no run (and its run reports the escape).
  @TaskLocal static var task: Runtime?

  /// The live runtime used by code that runs outside any `run`.
  public static let shared = Runtime.live()

  /// What this runtime can do, for libraries that adapt to it.
  public let capabilities: RuntimeCapabilities

  /// The seed of a virtual runtime's scheduler, if it has one.
  public var seed: UInt64? { backend.seed }

  /// The decisions a virtual runtime's scheduler has made so far (nil live): two runs with
  /// equal schedules interleaved the same way, and passing one to ``virtual(seed:schedule:cpuCount:startOfDay:stallLimit:stamps:output:)``
  /// replays it.
  public var schedule: Schedule? { backend.schedule }

  /// The speed factor of a live runtime (1 for virtual ones).
  public var speed: Double { backend.speed }

  /// Runs `body` as the program's main thread (`MainThread`) and returns its result.
  ///
  /// Live, `body` runs on the calling thread. Virtual, it runs as the first simulated thread, and
  /// `run` returns once the main thread has finished and no other thread can make progress. A
  /// deadlock is thrown as ``RuntimeError/deadlock(_:)`` rather than hanging.
  public func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) throws -> T {
    try backend.run(runtime: self, body)
  }

  /// Time elapsed on this runtime's clock since it was created.
  public var now: Duration { backend.now }

  /// The time of day at `now`, as the console stamps it.
  public var timeOfDay: TimeOfDay { TimeOfDay(backend.startOfDay + backend.now) }

  /// Blocks the calling thread for `duration` (no-op when it is zero or negative).
  public func sleep(for duration: Duration) { backend.sleep(for: duration, trace: trace) }

  /// Starts a thread named `name` that runs `body`.
  @discardableResult
  public func spawn(name: String, _ body: @escaping @Sendable () -> Void) -> any RuntimeThread {
    backend.spawn(runtime: self, name: name, body)
  }

  /// A mutual-exclusion lock.
  public func makeLock(label: String = "lock") -> any RuntimeLock {
    backend.makeCondition(label, reason: nil, trace: trace)
  }

  /// A condition variable with its own lock, as Python's `threading.Condition`.
  ///
  /// A thread waiting on it is traced as blocked on `reason` (by default, on the condition
  /// named `label`): a future's condition says `.future`, so a timeline can tell the waits
  /// apart.
  public func makeCondition(label: String = "condition", blocksAs reason: BlockReason? = nil)
    -> any RuntimeCondition
  {
    backend.makeCondition(label, reason: reason, trace: trace)
  }

  /// The name of the calling thread (`MainThread`, `ThreadPoolExecutor-0_1`, …).
  public var currentThreadName: String { ThreadContext.current?.name ?? "MainThread" }

  /// The number of CPUs: the machine's live, a fixed number in virtual time.
  public var cpuCount: Int { backend.cpuCount }

  /// A stable address for an object, as Python's `id()` shows it: the real one live, a
  /// deterministic one in virtual time. Ask once, when the object is made, and keep it.
  public func address(of object: AnyObject) -> String { backend.address(of: object) }

  /// Lets another runnable thread take over here in a seeded virtual run; a no-op otherwise.
  public func yieldPoint() { backend.yieldPoint() }

  /// Polls `ready` for a few microseconds, giving the CPU to other threads between polls, and
  /// returns whether it came true: for a thread about to block on a condition that another
  /// thread is likely to make true very soon, which is cheaper than sleeping and being woken.
  /// Live only: in virtual time nothing else runs meanwhile, so it returns false at once
  /// without calling `ready`. The caller still checks its condition under its lock.
  public func spin(until ready: () -> Bool) -> Bool { backend.spin(until: ready) }

  /// Runs async `body` to completion on a single-threaded task executor, as `asyncio.run`
  /// does; child tasks run on the same executor. Live, the calling thread itself becomes the
  /// event loop (``EventLoop``): it runs every task and sleeps in `epoll_wait` while none can
  /// run. Virtual, a simulated `EventLoop` thread runs them on the virtual clock while the
  /// calling thread waits.
  public func runAsync<T: Sendable>(
    _ body: @escaping @Sendable () async throws -> T
  ) throws -> T {
    try backend.runAsync(runtime: self, body)
  }

  /// The next number of a per-runtime counter, from 0: how executors number themselves
  /// (`ThreadPoolExecutor-0`, `-1`, …) so that names repeat from one virtual run to the next.
  public func nextNumber(for counter: String) -> Int {
    counters.withLock { counts in
      defer { counts[counter, default: 0] += 1 }
      return counts[counter, default: 0]
    }
  }

  private let counters = Protected<[String: Int]>([:])

  func sleep(until deadline: Duration) async throws {
    guard trace.recordsBlocking, deadline > now else {
      return try await backend.sleep(until: deadline)
    }
    trace.record(.blocked(.sleep(until: deadline)), in: self)
    defer { trace.record(.unblocked, in: self) }
    try await backend.sleep(until: deadline)
  }
}
