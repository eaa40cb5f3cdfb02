import ConcurrencyRuntime
import Synchronization

/// What `asCompleted` and `wait` install on futures to hear about completions, as CPython's
/// `_Waiter` family: futures report to it under their own lock, and it wakes its one reader.
/// Inlinable, like `Future`, so that it is specialised where it is used.
@usableFromInline
final class Waiter<Value: Sendable>: @unchecked Sendable {
  @usableFromInline
  enum Kind {
    /// Wake on every completion.
    case anyCompletion
    /// Wake once every future it was told to `expect` has reported, or at the first error
    /// if `stopOnException`.
    case allCompleted(stopOnException: Bool)
  }

  @usableFromInline let condition: any RuntimeCondition
  @usableFromInline var kind: Kind
  @usableFromInline var isSet = false
  /// `isSet`, for a live reader to poll briefly without the lock.
  @usableFromInline let setFlag = Atomic<Bool>(false)
  @usableFromInline var finished: [WaiterReport<Value>] = []
  /// For `allCompleted`: reports still to come, once known (`expect`).
  @usableFromInline var remaining: Int?

  @inlinable
  init(_ kind: Kind, runtime: Runtime) {
    self.kind = kind
    self.condition = runtime.makeCondition(
      label: "a waiter's condition", blocksAs: .future("futures to complete"))
  }

  /// Called by `future`, under its lock, when it settles; `slot` is the one it was watched with.
  @inlinable
  func add(_ future: Future<Value>, slot: Int, failed: Bool) {
    condition.lock()
    defer { condition.unlock() }
    finished.append(WaiterReport(future: future, slot: slot))
    switch kind {
    case .anyCompletion:
      set()
    case .allCompleted(let stopOnException):
      if stopOnException && failed { set() }
      if let remaining {
        self.remaining = remaining - 1
        if remaining - 1 <= 0 { set() }
      }
    }
  }

  /// For `allCompleted`: `count` futures report to this waiter in all, some perhaps already.
  @inlinable
  func expect(_ count: Int) {
    condition.lock()
    defer { condition.unlock() }
    remaining = count - finished.count
    if count - finished.count <= 0 { set() }
  }

  @inlinable
  func set() {
    isSet = true
    setFlag.store(true, ordering: .releasing)
    condition.notifyAll()
  }

  /// Blocks until woken or until `deadline` on `runtime`'s clock; then hands over (and forgets)
  /// the futures that completed meanwhile, in completion order. Live and without a deadline,
  /// it polls for a few microseconds before it sleeps, as `Future.result` does.
  @inlinable
  func wait(until deadline: Duration?, runtime: Runtime) -> [WaiterReport<Value>] {
    condition.lock()
    defer { condition.unlock() }
    _ = condition.wait(
      while: { !isSet }, until: deadline, runtime: runtime,
      polling: { setFlag.load(ordering: .acquiring) })
    isSet = false
    setFlag.store(false, ordering: .relaxed)
    defer { finished = [] }
    return finished
  }
}

/// A waiter installed on a future, with the slot the future was watched under
/// (`FutureSet.watch`), which the future hands back when it reports.
@usableFromInline
struct WaiterEntry<Value: Sendable> {
  @usableFromInline let waiter: Waiter<Value>
  @usableFromInline let slot: Int

  @inlinable
  init(_ waiter: Waiter<Value>, slot: Int) {
    self.waiter = waiter
    self.slot = slot
  }
}

/// A future that settled, and the slot it was watched under: lets `asCompleted` let go of it
/// without searching.
@usableFromInline
struct WaiterReport<Value: Sendable> {
  @usableFromInline let future: Future<Value>
  @usableFromInline let slot: Int

  @inlinable
  init(future: Future<Value>, slot: Int) {
    self.future = future
    self.slot = slot
  }
}
