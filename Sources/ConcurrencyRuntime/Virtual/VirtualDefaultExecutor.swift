// Sleeps that reach the default executor. A plain `Task.sleep` hands its wake-up to the
// task's preferred executor when that is a `SchedulingExecutor` (the virtual executor is one),
// but a task with no preference running on an actor (a `Task {}` that uses an actor, or is
// isolated to one, as an actor's timers are) has none: the sleep goes to the process's
// default executor instead, which on its own would wake it on real time from a Dispatch
// thread, outside the run (a false deadlock or an escape). Installed once as the process's
// default executor (SE-0470's factory, SPI `ExperimentalCustomExecutors` in Swift 6.3), this
// one sends such a wake-up, asked for on a thread of a virtual run, to that run's executor,
// and passes everything else on to the platform's default executor, so live code and
// parallel tests are untouched.

#if compiler(>=6.3) && !LESSONS_NO_TOOLCHAIN_HOOKS
  @_spi(ExperimentalScheduling) @_spi(ExperimentalCustomExecutors) import _Concurrency

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
