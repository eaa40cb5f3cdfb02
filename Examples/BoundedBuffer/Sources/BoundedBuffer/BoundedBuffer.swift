import ConcurrencyRuntime

/// A first-in, first-out buffer of at most `capacity` items between threads: `put` waits
/// while it is full, `take` while it is empty.
///
/// Built on the runtime's condition variable, so the same code runs on OS threads live and
/// deterministically in virtual time.
///
///     let buffer = BoundedBuffer<Int>(capacity: 2)
///     buffer.put(1)
///     buffer.take()   // 1
public final class BoundedBuffer<Item: Sendable>: @unchecked Sendable {
  /// The most items the buffer holds at once.
  public let capacity: Int
  private let condition: any RuntimeCondition
  private var items: [Item] = []
  private var mostHeld = 0

  /// An empty buffer of `capacity` items (at least 1).
  public init(capacity: Int) {
    self.capacity = max(1, capacity)
    condition = Runtime.current.makeCondition(label: "buffer")
  }

  /// Adds `item` at the back, waiting while the buffer is full.
  public func put(_ item: Item) {
    condition.withLock {
      while items.count >= capacity { condition.wait() }
      items.append(item)
      mostHeld = max(mostHeld, items.count)
      condition.notifyAll()
    }
  }

  /// Removes the front item, waiting while the buffer is empty.
  public func take() -> Item {
    condition.withLock {
      while items.isEmpty { condition.wait() }
      let item = items.removeFirst()
      condition.notifyAll()
      return item
    }
  }

  /// The most items the buffer ever held at once.
  public var highWaterMark: Int { condition.withLock { mostHeld } }
}
