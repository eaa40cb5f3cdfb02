import Synchronization

/// CPython's `_idle_semaphore`: counts pool threads waiting for work, so `submit` reuses an
/// idle thread instead of starting another. Only ever tried without blocking, so an atomic
/// counter serves both runtimes: it never makes a thread wait.
final class IdleCounter: Sendable {
  private let count = Atomic<Int>(0)

  func release() { count.add(1, ordering: .releasing) }

  /// Takes one idle thread if there is one.
  func tryAcquire() -> Bool {
    var current = count.load(ordering: .acquiring)
    while current > 0 {
      let (exchanged, original) = count.compareExchange(
        expected: current, desired: current - 1, ordering: .acquiringAndReleasing)
      if exchanged { return true }
      current = original
    }
    return false
  }
}
