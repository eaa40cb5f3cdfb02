import ConcurrencyRuntime

/// What a thread pool's threads share with it. The threads hold this, not the executor, so an
/// executor dropped without `shutdown` still lets its threads end.
final class PoolState: @unchecked Sendable {
  let lock: any RuntimeLock
  let queue: WorkQueue
  let idle: IdleCounter
  let initializer: (@Sendable () throws -> Void)?
  // Guarded by `lock`.
  var threads: [any RuntimeThread] = []
  var isShutdown = false
  var broken: String?
  var submitted = 0

  init(runtime: Runtime, initializer: (@Sendable () throws -> Void)?) {
    lock = runtime.makeLock(label: "the pool's shutdown lock")
    queue = WorkQueue(runtime: runtime)
    idle = IdleCounter()
    self.initializer = initializer
  }

  /// The loop of every pool thread, as CPython's `_worker`.
  func work() {
    if let initializer {
      do {
        try initializer()
      } catch {
        FileHandleLog.error("Exception in initializer: \(error)")
        initializerFailed()
        return
      }
    }
    while true {
      if let item = queue.get() {
        item(.run)
        idle.release()
        continue
      }
      if lock.withLock({ isShutdown }) {
        queue.put(nil)  // wake the next thread so that it ends too
        return
      }
    }
  }

  /// The executor is gone: nothing more can be submitted.
  func abandon() {
    lock.withLock { isShutdown = true }
    queue.put(nil)
  }

  private func initializerFailed() {
    lock.withLock {
      let reason = "A thread initializer failed, the thread pool is not usable anymore"
      broken = reason
      for item in queue.drain() { item(.fail(FutureError.broken(reason))) }
    }
  }
}
