import ConcurrencyRuntime
import Synchronization

/// The eventual outcome of work handed to an executor, as Python's `concurrent.futures.Future`.
///
/// An executor makes futures; you rarely make one yourself. Ask whether it is done without
/// blocking (`isDone`), block for its value (`result(timeout:)`), cancel it while it still
/// waits, or have a callback run when it completes:
///
///     let future = try executor.submit { 6 * 7 }
///     print(future)                 // <Future at 0x7f3a5c0001d0 state=pending>
///     print(try future.result())    // 42
///     print(future)                 // <Future at 0x7f3a5c0001d0 state=finished returned Int>
///
/// Blocking uses the runtime's condition variable, so futures behave the same on OS threads
/// and in virtual time.
///
/// The paths every task takes (making, running, completing, waiting) are `@inlinable`, so that
/// they are specialised for the value type in the code that uses them.
public final class Future<Value: Sendable>: @unchecked Sendable, Hashable, CustomStringConvertible {
  @usableFromInline
  enum Phase {
    case pending, running, cancelled, cancelledAndNotified, finished

    /// CPython's name for the state (`_state`), which its `InvalidStateError` messages start
    /// with: `CANCELLED_AND_NOTIFIED` where the description says only `cancelled`.
    @usableFromInline
    var pythonName: String {
      switch self {
      case .pending: return "PENDING"
      case .running: return "RUNNING"
      case .cancelled: return "CANCELLED"
      case .cancelledAndNotified: return "CANCELLED_AND_NOTIFIED"
      case .finished: return "FINISHED"
      }
    }
  }

  @usableFromInline let runtime: Runtime
  @usableFromInline let condition: any RuntimeCondition
  @usableFromInline var phase = Phase.pending
  @usableFromInline var outcome: Result<Value, any Error>?
  @usableFromInline var callbacks: [@Sendable (Future<Value>) throws -> Void] = []
  /// The `asCompleted` and `wait` calls listening, each removing itself when done.
  @usableFromInline var waiters: [WaiterEntry<Value>] = []
  /// True once finished or cancelled: lets a live waiter poll briefly without the lock.
  @usableFromInline let doneFlag = Atomic<Bool>(false)

  /// Where the future lives, as Python's `id()` would show it (deterministic in virtual time).
  public var address: String { fixedAddress ?? runtime.address(of: self) }
  @usableFromInline var fixedAddress: String?

  /// A pending future on `runtime`. Executors make these; tests and adapters may too.
  @inlinable
  public init(runtime: Runtime = .current) {
    self.runtime = runtime
    self.condition = runtime.makeCondition(
      label: "a future's condition", blocksAs: .future("a future"))
    // Live, the real address is stable, so it is formatted only when shown.
    if runtime.capabilities.addressesInOrderOfAsking {
      self.fixedAddress = runtime.address(of: self)
    }
  }

  /// The state now: pending, running, cancelled or finished.
  public var state: FutureState {
    condition.withLock { Self.state(of: phase) }
  }

  /// True once cancelled or finished; never blocks.
  public var isDone: Bool { state == .cancelled || state == .finished }
  /// True while the work runs.
  public var isRunning: Bool { state == .running }
  /// True if it was cancelled.
  public var isCancelled: Bool { state == .cancelled }

  /// Cancels the future if it has not started: true if it is (now) cancelled, false if it is
  /// running or finished. Wakes the threads waiting for it and runs the done-callbacks.
  @discardableResult
  @inlinable
  public func cancel() -> Bool {
    condition.lock()
    switch phase {
    case .running, .finished:
      condition.unlock()
      return false
    case .cancelled, .cancelledAndNotified:
      condition.unlock()
      return true
    case .pending:
      phase = .cancelled
      doneFlag.store(true, ordering: .releasing)
      condition.notifyAll()
      condition.unlock()
      invokeCallbacks()
      return true
    }
  }

  /// The value the work returned, blocking until there is one.
  ///
  /// Rethrows the work's error; throws `FutureError.cancelled` if cancelled and
  /// `FutureError.timeout` if `timeout` passes first (`.zero` means do not wait).
  @inlinable
  public func result(timeout: Duration? = nil) throws -> Value {
    condition.lock()
    defer { condition.unlock() }
    try waitUntilDone(timeout: timeout)
    guard let outcome else { throw FutureError.cancelled }
    return try outcome.get()
  }

  /// The error the work threw, or nil if it returned a value; blocks like `result(timeout:)`.
  public func exception(timeout: Duration? = nil) throws -> (any Error)? {
    condition.lock()
    defer { condition.unlock() }
    try waitUntilDone(timeout: timeout)
    guard let outcome else { throw FutureError.cancelled }
    if case .failure(let error) = outcome { return error }
    return nil
  }

  /// Runs `callback` with the future once it is done, on the thread that completes it, in the
  /// order callbacks were added; at once if it is already done. A callback's error is logged
  /// and does not stop the others.
  public func addDoneCallback(_ callback: @escaping @Sendable (Future<Value>) throws -> Void) {
    condition.lock()
    switch phase {
    case .pending, .running:
      callbacks.append(callback)
      condition.unlock()
    case .cancelled, .cancelledAndNotified, .finished:
      condition.unlock()
      call(callback)
    }
  }

  // MARK: For executors

  /// Marks the future running (true) or, if it was cancelled, notes that the executor saw the
  /// cancellation (false: skip the work). Throws `invalidState` in any other state.
  @inlinable
  public func setRunningOrNotifyCancel() throws -> Bool {
    condition.lock()
    defer { condition.unlock() }
    switch phase {
    case .cancelled:
      phase = .cancelledAndNotified
      for entry in waiters { entry.waiter.add(self, slot: entry.slot, failed: false) }
      return false
    case .pending:
      phase = .running
      return true
    case .running, .cancelledAndNotified, .finished:
      throw FutureError.invalidState("Future in unexpected state: \(self.unlockedDescription)")
    }
  }

  /// Completes the future with `value`; `invalidState` if it was already completed or cancelled,
  /// with CPython's message: `FINISHED: <Future at 0x… state=finished returned Int>`.
  @inlinable
  public func setResult(_ value: Value) throws { try complete(.success(value)) }

  /// Completes the future with `error`; `invalidState` if already completed or cancelled.
  @inlinable
  public func setException(_ error: any Error) throws { try complete(.failure(error)) }

  @inlinable
  func complete(_ result: Result<Value, any Error>) throws {
    condition.lock()
    switch phase {
    case .cancelled, .cancelledAndNotified, .finished:
      let text = unlockedDescription
      condition.unlock()
      // CPython: InvalidStateError('{}: {!r}'.format(self._state, self)).
      throw FutureError.invalidState("\(phase.pythonName): \(text)")
    case .pending, .running:
      outcome = result
      phase = .finished
      doneFlag.store(true, ordering: .releasing)
      if !waiters.isEmpty {
        let failed = result.isFailure
        for entry in waiters { entry.waiter.add(self, slot: entry.slot, failed: failed) }
      }
      condition.notifyAll()
      let pending = callbacks
      callbacks = []
      condition.unlock()
      for callback in pending { call(callback) }
    }
  }

  // MARK: Description

  /// `<Future at 0x… state=running>`, `<Future at 0x… state=finished returned String>`, …
  public var description: String { condition.withLock { unlockedDescription } }

  @usableFromInline
  var unlockedDescription: String {
    let head = "<Future at \(address) state=\(Self.state(of: phase).rawValue)"
    switch outcome {
    case .success(let value)?: return head + " returned \(type(of: value))>"
    // A worker's error stands in for one of another process: show the type it had there.
    case .failure(let error as RemoteError)?: return head + " raised \(error.typeName)>"
    case .failure(let error)?: return head + " raised \(type(of: error))>"
    case nil: return head + ">"
    }
  }

  public static func == (lhs: Future, rhs: Future) -> Bool { lhs === rhs }
  public func hash(into hasher: inout Hasher) { hasher.combine(ObjectIdentifier(self)) }

  // MARK: Internals

  @inlinable
  static func state(of phase: Phase) -> FutureState {
    switch phase {
    case .pending: return .pending
    case .running: return .running
    case .cancelled, .cancelledAndNotified: return .cancelled
    case .finished: return .finished
    }
  }

  /// True when done, counting a cancellation only once an executor noticed it. Lock held.
  @inlinable
  var isSettled: Bool { phase == .finished || phase == .cancelledAndNotified }

  /// Waits, lock held, until finished or cancelled. Live, a wait for running work without a
  /// time-out polls briefly before it sleeps: a short task is usually done by then.
  @inlinable
  func waitUntilDone(timeout: Duration?) throws {
    let finished = condition.wait(
      while: { phase == .pending || phase == .running },
      until: timeout.map { runtime.now + $0 }, runtime: runtime,
      polling: { doneFlag.load(ordering: .acquiring) }, when: { phase == .running })
    if !finished { throw FutureError.timeout(nil) }
  }

  @usableFromInline
  func invokeCallbacks() {
    let pending = condition.withLock {
      defer { callbacks = [] }
      return callbacks
    }
    for callback in pending { call(callback) }
  }

  @usableFromInline
  func call(_ callback: @Sendable (Future<Value>) throws -> Void) {
    do {
      try callback(self)
    } catch {
      let message = "exception calling callback for \(self): \(error)"
      runtime.trace.record(.callbackFailed(message), in: runtime)
      FileHandleLog.error(message)
    }
  }
}
