// The only file that reaches past Swift's public concurrency API. Three things need it:
//
// 1. Plain sleeps. `Task.sleep(for:)`, `Task.sleep(nanoseconds:)` and `clock.sleep(for:)` on
//    `ContinuousClock` or `SuspendingClock` hand their job and deadline to the task's
//    preferred executor when it is a `SchedulingExecutor` (the "delayed enqueuing for
//    executors" proposal; SPI `ExperimentalScheduling` in Swift 6.3). The virtual executor is
//    one, so such a sleep ends on the virtual clock.
// 2. `Task {}` and `Task.detached`. They do not inherit a task executor preference: their
//    first job goes to the global executor, through `swift_task_enqueueGlobal_hook`, a C
//    global of the concurrency runtime that swift-concurrency-extras' `withMainSerialExecutor`
//    also uses. The hook is process-wide; it sends a job enqueued on a thread of a virtual
//    run to that run's executor, and every other job on to the global executor as before, so
//    live code and parallel tests are untouched.
// 3. Sleeps of tasks with no preferred executor. A `Task {}` that sleeps after using an actor,
//    or that is isolated to one (an actor's expiry timer), runs on the actor and has no
//    preferred executor, so its sleep goes to the process's default executor, which would wake
//    it on real time from a Dispatch thread (a false deadlock). `VirtualDefaultExecutor`,
//    installed once as the process's default executor (SE-0470's factory, SPI
//    `ExperimentalCustomExecutors`), sends a sleep asked for on a thread of a virtual run to
//    that run's executor, and passes everything else on to the platform's default executor.
//
// All three are guarded: a toolchain without the SPI builds with `-D LESSONS_NO_TOOLCHAIN_HOOKS`
// (or any compiler before 6.3 skips it), and one without the C symbol finds none at run time.
// Then the virtual runtime still runs code written on `Runtime.clock`, and a plain sleep or a
// `Task {}` in a virtual run ends the run with `RuntimeEscape.unsupported`, never a crash or
// a hang.

import Foundation

#if compiler(>=6.3) && !LESSONS_NO_TOOLCHAIN_HOOKS
  @_spi(ExperimentalScheduling) @_spi(ExperimentalCustomExecutors) import _Concurrency

  extension VirtualTaskExecutor: SchedulingExecutor {
    func enqueue<C: Clock>(
      _ job: consuming ExecutorJob, at instant: C.Instant, tolerance: C.Duration?, clock: C
    ) {
      let job = UnownedJob(job)
      guard let remaining = clock.now.duration(to: instant) as? Duration else {
        return hold(
          job, .unsupported(what: "a sleep on \(C.self), whose durations are not Duration"))
      }
      enqueue(job, realDelay: remaining)
    }

    func enqueue<C: Clock>(
      _ job: consuming ExecutorJob, after delay: C.Duration, tolerance: C.Duration?, clock: C
    ) {
      let job = UnownedJob(job)
      guard let delay = delay as? Duration else {
        return hold(
          job, .unsupported(what: "a sleep on \(C.self), whose durations are not Duration"))
      }
      enqueue(job, delay: delay)
    }
  }

  /// The process's default executor while the virtual runtime is in use: the platform's,
  /// except for the sleeps of virtual runs.
  final class VirtualDefaultExecutor: TaskExecutor, SchedulingExecutor, @unchecked Sendable {
    // Immutable after init: the platform's executor, which is itself thread-safe.
    private let platform = PlatformExecutorFactory.defaultExecutor

    /// Installs this executor as the process's default, once; false when it could not be.
    static let installed: Bool = {
      guard PlatformExecutorFactory.defaultExecutor is any SchedulingExecutor else {
        return false
      }
      _createExecutors(factory: Factory.self)
      return true
    }()

    private enum Factory: ExecutorFactory {
      static let mainExecutor: any MainExecutor = PlatformExecutorFactory.mainExecutor
      static let defaultExecutor: any TaskExecutor = VirtualDefaultExecutor()
    }

    func enqueue(_ job: consuming ExecutorJob) {
      let job = UnownedJob(job)
      if let backend = Self.callingRun {
        backend.startTask(job)
      } else {
        platform.enqueue(job)
      }
    }

    func enqueue<C: Clock>(
      _ job: consuming ExecutorJob, at instant: C.Instant, tolerance: C.Duration?, clock: C
    ) {
      if let executor = Self.callingRun?.innermostExecutor {
        executor.enqueue(job, at: instant, tolerance: tolerance, clock: clock)
      } else {
        scheduling.enqueue(job, at: instant, tolerance: tolerance, clock: clock)
      }
    }

    func enqueue<C: Clock>(
      _ job: consuming ExecutorJob, after delay: C.Duration, tolerance: C.Duration?, clock: C
    ) {
      if let executor = Self.callingRun?.innermostExecutor {
        executor.enqueue(job, after: delay, tolerance: tolerance, clock: clock)
      } else {
        scheduling.enqueue(job, after: delay, tolerance: tolerance, clock: clock)
      }
    }

    /// The platform's executor as a scheduling one (`installed` checked that it is).
    private var scheduling: any SchedulingExecutor { platform as! any SchedulingExecutor }

    /// The virtual run of the calling thread, if it is one of a run's threads.
    private static var callingRun: VirtualBackend? {
      ThreadContext.current?.runtime.backend as? VirtualBackend
    }
  }
#endif

/// What the toolchain lets the virtual runtime capture, and the process-wide hook that routes
/// `Task {}` jobs to their run.
enum ToolchainHooks {
  /// Whether plain sleeps on the standard clocks end on the virtual clock.
  static var capturesPlainSleeps: Bool {
    #if compiler(>=6.3) && !LESSONS_NO_TOOLCHAIN_HOOKS
      true
    #else
      false
    #endif
  }

  /// Whether `Task {}` and `Task.detached` started in a virtual run stay in it.
  static var capturesUnstructuredTasks: Bool { installed }

  typealias Original = @convention(thin) (UnownedJob) -> Void
  typealias Hook = @convention(thin) (UnownedJob, Original) -> Void

  /// Installs the global-enqueue hook once; false when the runtime has no such symbol.
  static let installed: Bool = {
    guard let symbol = dlsym(dlopen(nil, RTLD_NOW), "swift_task_enqueueGlobal_hook") else {
      return false
    }
    let hook = symbol.assumingMemoryBound(to: Hook?.self)
    // Another library's hook (installed before ours) would be replaced: keep none then.
    guard hook.pointee == nil else { return false }
    hook.pointee = { job, original in
      if let backend = ThreadContext.current?.runtime.backend as? VirtualBackend {
        backend.startTask(job)
      } else {
        original(job)
      }
    }
    return true
  }()
}
