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
///
/// A base class with one generic subclass, so that a task costs one allocation here.
class WorkItem: @unchecked Sendable {
  func run() {}
  func fail(_ error: any Error) {}
  func cancel() {}
}

/// The work item of a call returning `T`.
final class TypedWorkItem<T: Sendable>: WorkItem, @unchecked Sendable {
  private let future: Future<T>
  /// The span's name, or nil for `task N`: made only when spans are recorded.
  private let label: String?
  private let number: Int
  private let body: @Sendable () throws -> T

  init(
    future: Future<T>, label: String?, number: Int,
    _ body: @escaping @Sendable () throws -> T
  ) {
    self.future = future
    self.label = label
    self.number = number
    self.body = body
  }

  override func run() {
    guard (try? future.setRunningOrNotifyCancel()) == true else { return }
    let runtime = future.runtime
    let trace = runtime.trace
    guard trace.recordsSpans else {
      try? future.complete(Result { try body() })
      return
    }
    let label = label ?? "task \(number)"
    trace.record(
      TraceEvent(time: runtime.now, actor: runtime.currentThreadName, kind: .spanStart(label)))
    let result = Result { try body() }
    trace.record(
      TraceEvent(time: runtime.now, actor: runtime.currentThreadName, kind: .spanEnd(label)))
    try? future.complete(result)
  }

  override func fail(_ error: any Error) { try? future.setException(error) }
  override func cancel() { future.cancel() }
}
