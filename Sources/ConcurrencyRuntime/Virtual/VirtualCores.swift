/// The CPUs of the virtual runtime: `count` cores, each held by one computing thread at a time,
/// handed to waiting threads first come, first served. CPU-bound work in virtual time takes
/// the time it declares, and no more of it runs at once than there are cores.
final class VirtualCores: @unchecked Sendable {
  private let condition: VirtualCondition
  private let scheduler: Scheduler
  // Guarded by `condition`.
  private var free: Int
  private var waiting: [ObjectIdentifier] = []

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
    let thread = scheduler.running
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
    if let process {
      process.compute(for: duration, scheduler: scheduler)
    } else {
      scheduler.sleep(for: duration)
    }
    condition.withLock {
      free += 1
      if !waiting.isEmpty { condition.notifyAll() }
    }
  }
}
