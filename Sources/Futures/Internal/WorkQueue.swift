import Runtime

/// A blocking FIFO of work items for pool threads; `nil` is the wake-up-and-check-shutdown
/// sentinel, as `None` is in CPython's thread pool.
final class WorkQueue: @unchecked Sendable {
  private let condition: any RuntimeCondition
  private var items: [WorkItem?] = []
  private var head = 0
  /// Pool threads blocked in `get`, and how many of them have been signalled but not yet run:
  /// a put wakes a thread only when there are more queued items than wake-ups on their way.
  private var waiting = 0
  private var wakeups = 0

  init(runtime: Runtime) {
    condition = runtime.makeCondition(label: "the work queue")
  }

  func put(_ item: WorkItem?) {
    condition.lock()
    items.append(item)
    let wake = waiting > wakeups && items.count - head > wakeups
    if wake { wakeups += 1 }
    condition.unlock()
    // Signalled after unlocking, so that the woken thread does not block at once on our lock.
    if wake { condition.notify() }
  }

  /// The next item, blocking while the queue is empty.
  func get() -> WorkItem? {
    condition.lock()
    defer { condition.unlock() }
    while head == items.count {
      waiting += 1
      condition.wait()
      waiting -= 1
      if wakeups > 0 { wakeups -= 1 }
    }
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

  init<T>(
    future: Future<T>, label: @escaping @Sendable () -> String,
    _ body: @escaping @Sendable () throws -> T
  ) {
    run = {
      guard (try? future.setRunningOrNotifyCancel()) == true else { return }
      let runtime = future.runtime
      let trace = runtime.trace
      guard trace.recordsSpans else {
        try? future.complete(Result { try body() })
        return
      }
      let label = label()
      trace.record(
        TraceEvent(time: runtime.now, actor: runtime.currentThreadName, kind: .spanStart(label)))
      let result = Result { try body() }
      trace.record(
        TraceEvent(time: runtime.now, actor: runtime.currentThreadName, kind: .spanEnd(label)))
      try? future.complete(result)
    }
    fail = { error in try? future.setException(error) }
    cancel = { future.cancel() }
  }
}
