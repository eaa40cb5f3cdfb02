import ConcurrencyRuntime
import Foundation

/// The connections of one host: at most `capacity` open at once, idle ones kept for the next
/// request, and requests over the cap queued first come, first served.
///
/// Threads (the blocking face) wait on a condition; tasks (the async face) park on their event
/// loop with an ``EventLoop/Wakeup``. A connection given back goes straight to the longest
/// waiting request; one closed gives its place (a ``Lease/fresh`` slot) to it.
final class ConnectionPool: @unchecked Sendable {
  // Everything mutable is guarded by `condition`, hence @unchecked Sendable.

  /// What a request gets from the pool.
  enum Lease {
    /// An idle connection, already open.
    case reuse(HTTPConnection)
    /// A place for a new connection, which the request opens itself.
    case fresh
  }

  /// Why a task got no lease.
  enum Refusal: Error {
    /// The deadline passed first.
    case timedOut
    /// The task was cancelled first.
    case cancelled
  }

  /// A request waiting for a lease.
  private final class Waiter {
    var lease: Lease?
    var wakeup: EventLoop.Wakeup?
  }

  /// The most connections open at once.
  let capacity: Int
  private let condition = NSCondition()
  private var idle: [HTTPConnection] = []
  private var open = 0
  private var waiting: [Waiter] = []
  private var isClosed = false

  init(capacity: Int) { self.capacity = max(capacity, 1) }

  /// A lease now, or nil when `capacity` connections are in use.
  func tryAcquire() -> Lease? {
    condition.lock()
    defer { condition.unlock() }
    return takeNow()
  }

  /// A lease, blocking the calling thread until one is free; nil if `deadline` passes first.
  func acquire(until deadline: ContinuousClock.Instant) -> Lease? {
    condition.lock()
    defer { condition.unlock() }
    if let lease = takeNow() { return lease }
    let waiter = Waiter()
    waiting.append(waiter)
    while waiter.lease == nil {
      let left = deadline - .now
      let seconds = Double(left.components.seconds) + Double(left.components.attoseconds) / 1e18
      if left <= .zero || !condition.wait(until: Date(timeIntervalSinceNow: seconds)) {
        if waiter.lease == nil {
          waiting.removeAll { $0 === waiter }
          return nil
        }
      }
    }
    return waiter.lease
  }

  /// A lease, suspending the calling task until one is free; the outcome if the deadline
  /// passes or the task is cancelled first.
  func lease(until deadline: ContinuousClock.Instant) async -> Result<Lease, Refusal> {
    if let lease = tryAcquire() { return .success(lease) }
    let waiter = Waiter()
    let outcome = await EventLoop.park(until: deadline) { wakeup in enqueue(waiter, wakeup) }
    return settle(waiter, outcome)
  }

  /// Queues `waiter`, or grants it a lease at once if one came free meanwhile.
  private func enqueue(_ waiter: Waiter, _ wakeup: EventLoop.Wakeup) {
    condition.lock()
    defer { condition.unlock() }
    waiter.wakeup = wakeup
    if let lease = takeNow() {
      waiter.lease = lease
      if !wakeup.wake() {
        waiter.lease = nil
        release(lease)
      }
      return
    }
    waiting.append(waiter)
  }

  /// The lease of a task whose wait ended with `outcome`, giving back one granted too late.
  private func settle(_ waiter: Waiter, _ outcome: EventLoop.WaitOutcome) -> Result<
    Lease, Refusal
  > {
    condition.lock()
    defer { condition.unlock() }
    if outcome == .ready, let lease = waiter.lease { return .success(lease) }
    waiting.removeAll { $0 === waiter }
    if let lease = waiter.lease { release(lease) }
    return .failure(outcome == .cancelled ? .cancelled : .timedOut)
  }

  /// Gives a connection back: kept for reuse if `reusable`, else closed. `nil` gives back the
  /// place of a connection that could not be opened.
  func release(_ connection: HTTPConnection?, reusable: Bool) {
    condition.lock()
    defer { condition.unlock() }
    if let connection, reusable, !isClosed {
      release(.reuse(connection))
    } else {
      connection?.close()
      release(.fresh)
    }
  }

  /// Closes the idle connections; connections in use close when they are given back.
  func close() {
    condition.lock()
    defer { condition.unlock() }
    isClosed = true
    for connection in idle { connection.close() }
    open -= idle.count
    idle.removeAll()
  }

  /// Hands `lease` to the longest-waiting request still waiting, or keeps it. Under the lock.
  private func release(_ lease: Lease) {
    while !waiting.isEmpty {
      let waiter = waiting.removeFirst()
      waiter.lease = lease
      if let wakeup = waiter.wakeup {
        if wakeup.wake() { return }
        waiter.lease = nil
      } else {
        condition.broadcast()
        return
      }
    }
    switch lease {
    case .reuse(let connection): idle.append(connection)
    case .fresh: open -= 1
    }
  }

  /// An idle connection that is still good, else a place for a new one, else nil. Under the lock.
  private func takeNow() -> Lease? {
    while let connection = idle.popLast() {
      if !connection.isStale { return .reuse(connection) }
      connection.close()
      open -= 1
    }
    guard open < capacity else { return nil }
    open += 1
    return .fresh
  }
}
