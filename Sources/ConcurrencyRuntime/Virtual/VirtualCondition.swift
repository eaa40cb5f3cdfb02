/// A lock and condition variable of the virtual runtime. A contended `lock()` and every `wait`
/// block the simulated thread and hand the baton on; `notify` makes a waiter runnable without
/// switching to it.
final class VirtualCondition: RuntimeCondition, @unchecked Sendable {
  private let label: String
  private let reason: BlockReason
  private unowned(unsafe) let scheduler: Scheduler
  private var owner: SimulatedThread?
  private var lockWaiters: [SimulatedThread] = []
  private var waiters: [SimulatedThread] = []

  init(label: String, reason: BlockReason?, scheduler: Scheduler) {
    self.label = label
    self.reason = reason ?? .condition(label)
    self.scheduler = scheduler
  }

  func lock() {
    scheduler.lock()
    defer { scheduler.unlock() }
    acquire(scheduler.admitBlocking("lock() on \(label)"))
  }

  func unlock() {
    scheduler.lock()
    guard let thread = scheduler.admit("unlock() on \(label)") else { return scheduler.unlock() }
    release(thread)
    scheduler.unlock()
    scheduler.yieldPoint()
  }

  func wait(timeout: Duration?) -> Bool { wait(timeout: timeout, traced: true) }

  /// Waits as ``wait(timeout:)`` does; untraced, the trace records no blocking (a simulated
  /// process computing until it ends or its time is up: running, to a timeline).
  func wait(timeout: Duration?, traced: Bool) -> Bool {
    if let timeout, timeout <= .zero { return false }
    scheduler.lock()
    defer { scheduler.unlock() }
    let thread = scheduler.admitBlocking("wait() on \(label)")
    release(thread)
    waiters.append(thread)
    let deadline = timeout.map { scheduler.now + $0 }
    scheduler.block(
      reason, until: deadline, onTimeout: { [self] in waiters.removeAll { $0 === thread } },
      traced: traced)
    let notified = !thread.timedOut
    acquire(thread)
    return notified
  }

  func notify() {
    scheduler.lock()
    // Like a pthread condition, notify need not hold the lock; it must come from the simulation.
    guard scheduler.admit("notify() on \(label)") != nil else { return scheduler.unlock() }
    if !waiters.isEmpty { scheduler.makeRunnable(waiters.removeFirst()) }
    scheduler.unlock()
    scheduler.yieldPoint()
  }

  func notifyAll() {
    scheduler.lock()
    guard scheduler.admit("notifyAll() on \(label)") != nil else { return scheduler.unlock() }
    for waiter in waiters { scheduler.makeRunnable(waiter) }
    waiters = []
    scheduler.unlock()
    scheduler.yieldPoint()
  }

  /// Takes the lock for `thread`, blocking while another thread holds it. Lock held.
  private func acquire(_ thread: SimulatedThread) {
    guard let holder = owner else {
      owner = thread
      return
    }
    if holder === thread {
      // Live, this thread would wait for itself for good; here the run ends saying so.
      scheduler.fail(
        .misuse("\(thread.name) took \(label) again while holding it (it is not reentrant)"))
      scheduler.block(.lock(label, heldBy: thread.name))
      return
    }
    lockWaiters.append(thread)
    scheduler.block(.lock(label, heldBy: holder.name))
  }

  /// Releases the lock, handing it straight to the first thread waiting for it. Lock held.
  private func release(_ thread: SimulatedThread) {
    guard owner === thread else {
      scheduler.fail(.misuse("\(thread.name) released \(label) without holding it"))
      return
    }
    if lockWaiters.isEmpty {
      owner = nil
    } else {
      let next = lockWaiters.removeFirst()
      owner = next
      scheduler.makeRunnable(next)
    }
  }
}
