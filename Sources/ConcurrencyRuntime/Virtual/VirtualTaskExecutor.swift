import Foundation

/// The single-threaded task executor of a virtual run: its jobs run one at a time on a
/// simulated thread named `EventLoop`, which blocks like any other thread when it has no work.
///
/// Which ready job runs next is a decision of the run's schedule (first in line canonically,
/// by seed otherwise), as is the order of jobs whose sleeps end at the same instant. Jobs come
/// from tasks that prefer this executor (child tasks, `async let`, groups, default actors),
/// from `Task {}` and `Task.detached` started inside the run (routed here by
/// ``ToolchainHooks``), and from sleeps on any standard clock, which end on the virtual clock.
/// A job enqueued from outside the run is never run: the run ends with the escape it is.
///
/// Tasks do not own their preferred executor, and a task resumed late (from a Dispatch timer,
/// after its run failed) must never reach a freed one: executors are made immortal and refer
/// to their run weakly, so such a job is simply dropped.
final class VirtualTaskExecutor: TaskExecutor, @unchecked Sendable {
  // Every field is guarded by the scheduler's lock.
  private weak var scheduler: Scheduler?
  private let runNumber: Int
  private var jobs: [ReadyJob] = []
  /// When the job running now began, and when the job that made it ready began, in real time
  /// (nil between jobs): see `enqueue(_:realDelay:)`.
  private var jobStarted: ContinuousClock.Instant?
  private var enqueuerStarted: ContinuousClock.Instant?
  /// Jobs that came from outside the run: kept, never run.
  private var refused: [UnownedJob] = []
  private var loop: SimulatedThread?
  private var idle = false
  private var finished = false

  private init(scheduler: Scheduler) {
    self.scheduler = scheduler
    self.runNumber = scheduler.runNumber
  }

  /// A new executor for `scheduler`'s run, which lives as long as the process (see above).
  static func make(scheduler: Scheduler) -> VirtualTaskExecutor {
    let executor = VirtualTaskExecutor(scheduler: scheduler)
    _ = Unmanaged.passRetained(executor)
    return executor
  }

  func enqueue(_ job: consuming ExecutorJob) {
    enqueue(UnownedJob(job))
  }

  /// Takes a job from the run's own threads; from anywhere else, keeps it unrun and ends the
  /// run with the escape.
  func enqueue(_ job: UnownedJob) {
    guard let scheduler else { return }
    scheduler.lock()
    defer { scheduler.unlock() }
    guard scheduler.callerIsInside else { return refuseFromOutside(job) }
    ready(job)
  }

  /// Keeps `job` unrun and ends the run with `escape`.
  func hold(_ job: UnownedJob, _ escape: RuntimeEscape) {
    guard let scheduler else { return }
    scheduler.lock()
    refused.append(job)
    scheduler.record(escape)
    scheduler.unlock()
  }

  /// Keeps a job enqueued by a thread outside the run unrun. Lock held.
  private func refuseFromOutside(_ job: UnownedJob) {
    var escape = RuntimeEscape.resumedFromOutside(
      thread: Scheduler.describeCallingThread(), run: runNumber)
    if !ToolchainHooks.capturesPlainSleeps {
      escape = .unsupported(what: "plain Task.sleep (a sleep's wake-up came from outside)")
    }
    hold(job, escape)
  }

  /// Puts `job` in line and wakes the loop. Lock held.
  func ready(_ job: UnownedJob) {
    jobs.append(ReadyJob(job: job, enqueuerStarted: jobStarted))
    if idle, let loop {
      idle = false
      scheduler?.makeRunnable(loop)
    }
  }

  /// Runs `job` after `delay` of virtual time, as a sleep asked for by a job of this run.
  ///
  /// `realDelay` is what is left of a sleep on a real-time clock (`ContinuousClock`,
  /// `SuspendingClock`) when it reaches the executor: the sleep's duration less the few
  /// microseconds of real time since it began. ``SleepDelay`` recovers the duration.
  func enqueue(_ job: UnownedJob, realDelay: Duration) {
    // A plain sleep reads the clock in a job of its task, then hands a job of its own to the
    // executor, which, when it runs, enqueues the wake-up here: the sleep was asked for after
    // the job that made the running one ready began. That bounds the real time lost before
    // it reached here, however long other jobs ran or a thread was preempted in between.
    scheduler?.lock()
    let earliest = [enqueuerStarted, jobStarted].compactMap { $0 }.min()
    scheduler?.unlock()
    let withinJobs = earliest.map { ContinuousClock.now - $0 } ?? .zero
    enqueue(job, delay: SleepDelay.recover(remaining: realDelay, withinJob: withinJobs))
  }

  /// Runs `job` after exactly `delay` of virtual time.
  func enqueue(_ job: UnownedJob, delay: Duration) {
    guard let scheduler else { return }
    scheduler.lock()
    defer { scheduler.unlock() }
    guard scheduler.callerIsInside else { return refuseFromOutside(job) }
    guard delay > .zero else { return ready(job) }
    scheduler.schedule(
      at: scheduler.now + delay,
      TimerAction { [self] in ready(job) })
  }

  /// The body of the `EventLoop` thread: runs jobs until `finish()` and no job is left.
  func runLoop() {
    guard let scheduler else { return }
    scheduler.lock()
    loop = scheduler.running
    while true {
      while jobs.isEmpty {
        if finished {
          loop = nil
          scheduler.unlock()
          return
        }
        idle = true
        scheduler.block(.asyncWork)
      }
      let ready = jobs.remove(at: scheduler.decide(among: jobs.count))
      (jobStarted, enqueuerStarted) = (.now, ready.enqueuerStarted)
      scheduler.unlock()
      ready.job.runSynchronously(on: asUnownedTaskExecutor())
      scheduler.lock()
      (jobStarted, enqueuerStarted) = (nil, nil)
    }
  }

  /// Lets the loop end once its queue is empty.
  func finish() {
    guard let scheduler else { return }
    scheduler.lock()
    finished = true
    scheduler.unlock()
  }
}

/// A job in line, with when the job that made it ready began (nil: made ready between jobs,
/// by a timer or from outside).
private struct ReadyJob {
  var job: UnownedJob
  var enqueuerStarted: ContinuousClock.Instant?
}
