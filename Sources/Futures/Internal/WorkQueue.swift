import ConcurrencyRuntime
import Synchronization

/// A blocking FIFO of work items for pool threads; `nil` is the wake-up-and-check-shutdown
/// sentinel, as `None` is in CPython's thread pool.
///
/// Live, a thread that finds the queue empty spins a little before it sleeps, and a put wakes a
/// sleeping thread only for items that the spinning threads will not take: with a steady
/// stream of short tasks, items are taken without any sleep or wake-up. An item is never left
/// waiting while a thread sleeps and no thread spins, so a long task still never delays another
/// that an idle thread could run, as in CPython.
final class WorkQueue: @unchecked Sendable {
  private let runtime: Runtime
  private let condition: any RuntimeCondition
  private var items: [WorkItem?] = []
  private var head = 0
  /// Pool threads blocked in `get`, and how many of them have been signalled but not yet run.
  private var waiting = 0
  private var wakeups = 0
  /// Threads spinning in `get`: each takes an item without being woken.
  private var spinning = 0
  /// The number of queued items, for the spinning thread to poll without the lock.
  private let queued = Atomic<Int>(0)
  /// How many threads may spin at once: none in virtual time (the one running thread would
  /// wait for itself), twice the CPU count live, so that a big pool on a small machine does
  /// not fill every core with threads that only yield to each other.
  private let maxSpinning: Int

  init(runtime: Runtime) {
    self.runtime = runtime
    condition = runtime.makeCondition(label: "the work queue")
    maxSpinning = runtime.capabilities.spinningPays ? 2 * runtime.cpuCount : 0
  }

  func put(_ item: WorkItem?) {
    condition.lock()
    items.append(item)
    queued.store(items.count - head, ordering: .relaxed)
    let wake = claimWakeup()
    condition.unlock()
    // Signalled after unlocking, so that the woken thread does not block at once on our lock.
    if wake { condition.notify() }
  }

  /// The next item, blocking while the queue is empty.
  func get() -> WorkItem? {
    condition.lock()
    var spun = false
    while head == items.count {
      if !spun && spinning < maxSpinning {
        spun = true
        spinning += 1
        condition.unlock()
        _ = runtime.spin { queued.load(ordering: .relaxed) > 0 }
        condition.lock()
        spinning -= 1
        continue
      }
      waiting += 1
      condition.wait()
      waiting -= 1
      if wakeups > 0 { wakeups -= 1 }
      spun = false
    }
    let item = popLocked()
    // Items this thread did not take may need a thread of their own.
    let wake = claimWakeup()
    condition.unlock()
    if wake { condition.notify() }
    return item
  }

  /// Whether to wake a sleeping thread: there is one not yet signalled, and more items are
  /// queued than the spinning threads and the signalled ones will take. Lock held.
  private func claimWakeup() -> Bool {
    let takers = wakeups + spinning
    guard waiting > wakeups, items.count - head > takers else { return false }
    wakeups += 1
    return true
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
    queued.store(items.count - head, ordering: .relaxed)
    if head > 1024 && head * 2 > items.count {
      items.removeFirst(head)
      head = 0
    }
    return item
  }
}

/// What a pool thread does with a queued call.
@usableFromInline
enum WorkAction {
  /// Run it into its future, unless the future was cancelled first.
  case run
  /// Cancel its future (`shutdown(cancelFutures: true)`).
  case cancel
  /// Fail its future without running it (the pool broke first).
  case fail(any Error)
}

/// One submitted call, acting on its future. A closure made where `submit` is specialised for
/// the call's type (`Future.workItem`), so that running it needs no generic look-ups and a
/// task costs one allocation here.
@usableFromInline
typealias WorkItem = @Sendable (WorkAction) -> Void

extension Future {
  /// The work item that runs `body` into this future, as the span `span` names when spans are
  /// recorded (nil otherwise: the closure then carries one empty reference, nothing more).
  @inlinable
  func workItem(span name: SpanName?, _ body: @escaping @Sendable () throws -> Value)
    -> WorkItem
  {
    { action in
      switch action {
      case .run:
        guard (try? self.setRunningOrNotifyCancel()) == true else { return }
        guard let name else {
          try? self.complete(Result { try body() })
          return
        }
        let span = SpanRecorder(runtime: self.runtime, name: name)
        let result = Result { try body() }
        span?.end()
        try? self.complete(result)
      case .cancel:
        self.cancel()
      case .fail(let error):
        try? self.setException(error)
      }
    }
  }
}

/// What a task's span is called: its label (`loiter(3)`, or `task N`) and its executor. Made
/// only while the trace records spans, so a task run without them carries none.
@usableFromInline
final class SpanName: Sendable {
  @usableFromInline let label: String
  @usableFromInline let executor: String

  @usableFromInline
  init(label: String, executor: String) {
    self.label = label
    self.executor = executor
  }
}

/// A task's span in the runtime's trace, from the moment it starts running to the moment it
/// returns or throws.
@usableFromInline
struct SpanRecorder {
  private let runtime: Runtime
  private let id: Int

  @usableFromInline
  init?(runtime: Runtime, name: SpanName) {
    guard let id = runtime.trace.startSpan(label: name.label, executor: name.executor, in: runtime)
    else { return nil }
    self.runtime = runtime
    self.id = id
  }

  @usableFromInline
  func end() { runtime.trace.endSpan(id, in: runtime) }
}
