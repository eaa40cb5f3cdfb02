/// The CPUs of the virtual runtime: `count` cores, each held by one computing thread at a time,
/// handed to waiting threads first come, first served. CPU-bound work in virtual time takes
/// the time it declares, and no more of it runs at once than there are cores.
final class VirtualCores: @unchecked Sendable {
  private let condition: VirtualCondition
  private let scheduler: Scheduler
  // Guarded by `condition`.
  private var free: Int
  private var waiting: [ObjectIdentifier] = []
  /// CPU time of computations that ended, and when each running one started.
  private let usage = Protected<(done: Duration, started: [ObjectIdentifier: Duration])>(
    (.zero, [:]))

  init(count: Int, scheduler: Scheduler) {
    free = max(1, count)
    self.scheduler = scheduler
    condition = VirtualCondition(
      label: "the CPUs", reason: .condition("a free CPU"), scheduler: scheduler)
  }

  /// Takes a core, holds it for `duration` (less if the calling simulated process ends), and
  /// gives it back.
  func compute(for duration: Duration) {
    guard duration > .zero else { return }
    scheduler.lock()
    let thread = scheduler.admitBlocking("compute(for:)")
    let process = thread.process
    scheduler.unlock()
    let me = ObjectIdentifier(thread)
    condition.withLock {
      waiting.append(me)
      while free == 0 || waiting.first != me { condition.wait() }
      waiting.removeFirst()
      free -= 1
      // The next in line may find a core free too.
      if free > 0 && !waiting.isEmpty { condition.notifyAll() }
    }
    let start = scheduler.now
    usage.withLock { $0.started[me] = start }
    if let process {
      process.compute(for: duration, scheduler: scheduler)
    } else {
      scheduler.busy(for: duration)
    }
    let end = scheduler.now
    usage.withLock { usage in
      usage.started[me] = nil
      usage.done += end - start
    }
    condition.withLock {
      free += 1
      if !waiting.isEmpty { condition.notifyAll() }
    }
  }

  /// The CPU time spent so far: every core's busy time, computations under way included.
  var busyTime: Duration {
    let now = scheduler.now
    return usage.withLock { usage in
      usage.started.values.reduce(usage.done) { $0 + (now - $1) }
    }
  }
}
