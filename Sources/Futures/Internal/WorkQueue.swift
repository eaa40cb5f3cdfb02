import Runtime

/// A blocking FIFO of work items for pool threads; `nil` is the wake-up-and-check-shutdown
/// sentinel, as `None` is in CPython's thread pool.
final class WorkQueue: @unchecked Sendable {
  private let condition: any RuntimeCondition
  private var items: [WorkItem?] = []
  private var head = 0

  init(runtime: Runtime) {
    condition = runtime.makeCondition(label: "the work queue")
  }

  func put(_ item: WorkItem?) {
    condition.lock()
    items.append(item)
    condition.notify()
    condition.unlock()
  }

  /// The next item, blocking while the queue is empty.
  func get() -> WorkItem? {
    condition.lock()
    defer { condition.unlock() }
    while head == items.count { condition.wait() }
    return popLocked()
  }

  /// Removes and returns every real item still queued (sentinels are dropped).
  func drain() -> [WorkItem] {
    condition.withLock {
      var drained: [WorkItem] = []
      while head < items.count {
        if let item = popLocked() { drained.append(item) }
      }
      return drained
    }
  }

  private func popLocked() -> WorkItem? {
    let item = items[head]
    items[head] = nil
    head += 1
    if head > 1024 && head * 2 > items.count {
      items.removeFirst(head)
      head = 0
    }
    return item
  }
}

/// One submitted call: runs it into its future, unless the future was cancelled first.
final class WorkItem: @unchecked Sendable {
  let run: () -> Void
  let fail: (any Error) -> Void
  let cancel: () -> Void

  init<T>(future: Future<T>, label: String, _ body: @escaping @Sendable () throws -> T) {
    run = {
      guard (try? future.setRunningOrNotifyCancel()) == true else { return }
      let runtime = future.runtime
      let trace = runtime.trace
      trace.record(TraceEvent(time: runtime.now, actor: runtime.currentThreadName, kind: .spanStart(label)))
      let result = Result { try body() }
      trace.record(TraceEvent(time: runtime.now, actor: runtime.currentThreadName, kind: .spanEnd(label)))
      try? future.complete(result)
    }
    fail = { error in try? future.setException(error) }
    cancel = { future.cancel() }
  }
}
