/// The single-threaded task executor of the virtual runtime: its jobs run one at a time on a
/// simulated thread named `EventLoop`, which blocks like any other thread when it has no work.
final class VirtualTaskExecutor: TaskExecutor, @unchecked Sendable {
  private unowned(unsafe) let scheduler: Scheduler
  private var jobs: [UnownedJob] = []
  private var loop: SimulatedThread?
  private var idle = false
  private var finished = false

  init(scheduler: Scheduler) { self.scheduler = scheduler }

  func enqueue(_ job: consuming ExecutorJob) {
    let job = UnownedJob(job)
    scheduler.lock()
    jobs.append(job)
    if idle, let loop {
      idle = false
      scheduler.makeRunnable(loop)
    }
    scheduler.unlock()
  }

  /// The body of the `EventLoop` thread: runs jobs until `finish()` and no job is left.
  func runLoop() {
    scheduler.lock()
    loop = scheduler.running
    while true {
      while jobs.isEmpty {
        if finished {
          scheduler.unlock()
          return
        }
        idle = true
        scheduler.block(.asyncWork)
      }
      let job = jobs.removeFirst()
      scheduler.unlock()
      job.runSynchronously(on: asUnownedTaskExecutor())
      scheduler.lock()
    }
  }

  /// Lets the loop end once its queue is empty.
  func finish() {
    scheduler.lock()
    finished = true
    scheduler.unlock()
  }
}
