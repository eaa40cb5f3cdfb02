import Runtime

/// CPython's `_idle_semaphore`: counts pool threads waiting for work, so `submit` reuses an
/// idle thread instead of starting another. Only ever tried without blocking.
final class IdleCounter: @unchecked Sendable {
  private let lock: any RuntimeLock
  private var count = 0

  init(runtime: Runtime) { lock = runtime.makeLock(label: "the idle semaphore") }

  func release() { lock.withLock { count += 1 } }

  /// Takes one idle thread if there is one.
  func tryAcquire() -> Bool {
    lock.withLock {
      guard count > 0 else { return false }
      count -= 1
      return true
    }
  }
}
