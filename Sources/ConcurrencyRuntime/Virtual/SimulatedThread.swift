import Foundation

/// A thread of the virtual runtime: a real OS thread that runs only while it holds the baton.
final class SimulatedThread: RuntimeThread, @unchecked Sendable {
  /// Where a simulated thread is; every field is guarded by the scheduler's lock.
  enum State: Equatable {
    case runnable
    case running
    case blocked(BlockReason)
    case finished
  }

  let name: String
  let id: Int
  unowned(unsafe) let scheduler: Scheduler
  /// Signalled to let this thread run.
  let baton = DispatchSemaphore(value: 0)

  var state: State = .runnable
  /// Bumped on every block, so a stale timer cannot wake a later wait.
  var generation: UInt64 = 0
  /// Set when a timed wait ended by its deadline rather than by a notify.
  var timedOut = false
  /// Run under the lock when a timed wait expires (to leave a condition's wait list).
  var onTimeout: (() -> Void)?
  /// Threads blocked in `join` on this one.
  var joiners: [SimulatedThread] = []
  /// Set when its run ended with this thread still blocked: it ends its OS thread on waking.
  var abandoned = false
  /// The simulated process this thread is the body of, if any.
  var process: SimulatedProcess?

  init(name: String, id: Int, scheduler: Scheduler) {
    self.name = name
    self.id = id
    self.scheduler = scheduler
  }

  func join() { scheduler.join(self) }
}
