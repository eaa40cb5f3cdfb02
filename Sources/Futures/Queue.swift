import ConcurrencyRuntime

/// A first-in, first-out queue that threads can share, as Python's `queue.Queue`: the usual
/// way to hand work to threads you start yourself, and results back.
///
/// `put` adds an item at the back, `get` takes the one at the front, and either blocks while
/// it cannot go on: `get` while the queue is empty, `put` while a queue with a ``maxSize`` is
/// full. With a time-out they throw ``QueueError/empty`` or ``QueueError/full`` instead of
/// waiting longer (`.zero` means "do not wait", Python's `get_nowait`).
///
/// For work that must be seen through, a consumer calls ``taskDone()`` after each item it
/// took, and ``join()`` blocks until every item ever put has been marked done.
///
/// Built on one condition variable of the runtime, so it blocks and wakes the same way on OS
/// threads and in virtual time:
///
///     let codes = Queue<String?>()          // nil: no more work
///     let worker = runtime.spawn(name: "worker") {
///       while let cc = codes.get() { print("got \(cc)") }
///     }
///     codes.put("BR")
///     codes.put("CN")
///     codes.put(nil)
///     worker.join()
///     // got BR
///     // got CN
public final class Queue<Element: Sendable>: @unchecked Sendable {
  // Every field is guarded by `condition`, hence @unchecked Sendable.

  /// The most items the queue holds before `put` blocks; 0 means no limit.
  public let maxSize: Int

  private let runtime: Runtime
  private let condition: any RuntimeCondition
  private var items: [Element] = []
  private var head = 0
  private var unfinished = 0

  /// An empty queue on `runtime`, holding at most `maxSize` items (0, the default: no limit).
  public init(maxSize: Int = 0, runtime: Runtime = .current) {
    self.maxSize = max(maxSize, 0)
    self.runtime = runtime
    self.condition = runtime.makeCondition(label: "a queue")
  }

  /// How many items wait in the queue now (Python's `qsize()`); it may change at once.
  public var count: Int { condition.withLock { items.count - head } }

  /// Whether no item waits now.
  public var isEmpty: Bool { count == 0 }

  /// Whether a bounded queue holds ``maxSize`` items now.
  public var isFull: Bool { condition.withLock { isFullLocked } }

  /// Adds `item` at the back, blocking while the queue is full.
  public func put(_ item: Element) {
    condition.withLock {
      while isFullLocked { condition.wait() }
      append(item)
    }
  }

  /// Adds `item` at the back, waiting at most `timeout` for room; throws
  /// ``QueueError/full`` if there is none by then.
  public func put(_ item: Element, timeout: Duration) throws(QueueError) {
    condition.lock()
    defer { condition.unlock() }
    let deadline = runtime.now + timeout
    while isFullLocked {
      let remaining = deadline - runtime.now
      if remaining <= .zero { throw .full }
      condition.wait(timeout: remaining)
    }
    append(item)
  }

  /// Takes the item at the front, blocking until there is one.
  public func get() -> Element {
    condition.withLock {
      while head == items.count { condition.wait() }
      return takeFirst()
    }
  }

  /// Takes the item at the front, waiting at most `timeout` for one; throws
  /// ``QueueError/empty`` if none came by then.
  public func get(timeout: Duration) throws(QueueError) -> Element {
    condition.lock()
    defer { condition.unlock() }
    let deadline = runtime.now + timeout
    while head == items.count {
      let remaining = deadline - runtime.now
      if remaining <= .zero { throw .empty }
      condition.wait(timeout: remaining)
    }
    return takeFirst()
  }

  /// Marks one item taken with `get` as dealt with. Throws ``QueueError/tooManyTaskDone``
  /// when called more times than items were put.
  public func taskDone() throws(QueueError) {
    condition.lock()
    defer { condition.unlock() }
    guard unfinished > 0 else { throw .tooManyTaskDone }
    unfinished -= 1
    if unfinished == 0 { condition.notifyAll() }
  }

  /// Blocks until every item put so far has been taken and marked done with ``taskDone()``.
  public func join() {
    condition.withLock {
      while unfinished > 0 { condition.wait() }
    }
  }

  // MARK: Lock held

  private var isFullLocked: Bool { maxSize > 0 && items.count - head >= maxSize }

  private func append(_ item: Element) {
    items.append(item)
    unfinished += 1
    // One condition serves getters, putters and joiners alike: wake them all and let each
    // check what it waits for.
    condition.notifyAll()
  }

  private func takeFirst() -> Element {
    let item = items[head]
    head += 1
    if head == items.count {
      items.removeAll(keepingCapacity: true)
      head = 0
    } else if head >= 64 && head * 2 >= items.count {
      items.removeFirst(head)
      head = 0
    }
    condition.notifyAll()
    return item
  }
}

/// Why a ``Queue`` call gave up, as Python's `queue.Empty` and `queue.Full`.
public enum QueueError: Error, Equatable, Sendable, CustomStringConvertible {
  /// `get` found no item within its time-out.
  case empty
  /// `put` found no room within its time-out.
  case full
  /// `taskDone` was called more times than items were put (Python's `ValueError`).
  case tooManyTaskDone

  /// A short explanation, as Python's messages say it.
  public var description: String {
    switch self {
    case .empty: "the queue stayed empty"
    case .full: "the queue stayed full"
    case .tooManyTaskDone: "task_done() called too many times"
    }
  }
}
