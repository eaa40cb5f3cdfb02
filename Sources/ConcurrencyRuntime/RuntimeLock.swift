/// A mutual-exclusion lock from a runtime.
///
/// Live it is a pthread mutex; virtual, a contended `lock()` blocks the simulated thread and
/// hands the baton on.
public protocol RuntimeLock: AnyObject, Sendable {
  /// Acquires the lock, blocking while another thread holds it.
  func lock()
  /// Releases the lock.
  func unlock()
}

extension RuntimeLock {
  /// Runs `body` with the lock held.
  @inlinable
  public func withLock<T>(_ body: () throws -> T) rethrows -> T {
    lock()
    defer { unlock() }
    return try body()
  }
}

/// A condition variable bundled with its lock, as Python's `threading.Condition`.
///
/// `wait` must be called with the lock held; it releases the lock while waiting and holds it
/// again when it returns. Wake-ups may be spurious in the live runtime: wait in a loop.
public protocol RuntimeCondition: RuntimeLock {
  /// Waits until notified or until `timeout` has passed; `false` means it timed out.
  @discardableResult
  func wait(timeout: Duration?) -> Bool
  /// Wakes one waiting thread.
  func notify()
  /// Wakes every waiting thread.
  func notifyAll()
}

extension RuntimeCondition {
  /// Waits until notified, with no time-out.
  public func wait() { wait(timeout: nil) }
}

/// A thread started by a runtime.
public protocol RuntimeThread: AnyObject, Sendable {
  /// The thread's name, as `Runtime.currentThreadName` reports it inside the thread.
  var name: String { get }
  /// Blocks until the thread has finished.
  func join()
}
