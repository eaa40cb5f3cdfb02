import Runtime

/// Yields futures as they finish, whatever order they were submitted in, as Python's
/// `concurrent.futures.as_completed`.
///
/// Duplicates are yielded once. Futures already done when iteration starts come first (in the
/// order given), then the others in the order they complete. A cancelled future counts once
/// its executor has noticed the cancellation.
///
///     for future in asCompleted(futures) {
///       print(try future.result())
///     }
///     // CN
///     // BR
@inlinable
public func asCompleted<T: Sendable>(_ futures: some Sequence<Future<T>>) -> AsCompleted<T> {
  AsCompleted(FutureSet(futures), timeout: nil)
}

/// `asCompleted` with a time-out that starts when iteration starts: `next()` throws
/// `FutureError.timeout("N (of M) futures unfinished")` once it passes.
///
///     var completions = asCompleted(futures, timeout: .seconds(2))
///     while let future = try completions.next() { … }
@inlinable
public func asCompleted<T: Sendable>(
  _ futures: some Sequence<Future<T>>, timeout: Duration
) -> TimedCompletions<T> {
  TimedCompletions(AsCompleted(FutureSet(futures), timeout: timeout))
}

/// The futures of `asCompleted(_:)`, in completion order.
public final class AsCompleted<T: Sendable>: Sequence, IteratorProtocol, @unchecked Sendable {
  @usableFromInline let set: FutureSet<T>
  @usableFromInline let timeout: Duration?
  @usableFromInline var started = false
  @usableFromInline var deadline: Duration?
  @usableFromInline var ready: [Future<T>] = []
  @usableFromInline var readyHead = 0
  /// Watched futures not yet reported: each reports to the waiter exactly once.
  @usableFromInline var unfinished = 0
  @usableFromInline var waiter: Waiter<T>?
  /// The futures the waiter is installed on.
  @usableFromInline var watched: [Future<T>] = []

  @inlinable
  init(_ set: FutureSet<T>, timeout: Duration?) {
    self.set = set
    self.timeout = timeout
  }

  deinit { finish() }

  /// The next future to complete; blocks while none has. Nil when all have been yielded.
  @inlinable
  public func next() -> Future<T>? {
    // Without a time-out nothing can throw.
    try! nextThrowing()
  }

  @inlinable
  func nextThrowing() throws -> Future<T>? {
    if !started { start() }
    while readyHead == ready.count {
      guard unfinished > 0, let waiter, let runtime = set.futures.first?.runtime else {
        finish()
        return nil
      }
      if let deadline, deadline - runtime.now <= .zero {
        let message = "\(unfinished) (of \(set.futures.count)) futures unfinished"
        finish()
        throw FutureError.timeout(message)
      }
      let reported = waiter.wait(until: deadline, runtime: runtime)
      unfinished -= reported.count
      ready += reported
    }
    let future = ready[readyHead]
    readyHead += 1
    if readyHead == ready.count {
      ready.removeAll(keepingCapacity: true)
      readyHead = 0
    }
    return future
  }

  @inlinable
  func start() {
    started = true
    guard let runtime = set.futures.first?.runtime else { return }
    deadline = timeout.map { runtime.now + $0 }
    let waiter = Waiter<T>(.anyCompletion, runtime: runtime)
    self.waiter = waiter
    (ready, watched) = set.watch(with: waiter)
    unfinished = watched.count
  }

  @inlinable
  func finish() {
    guard let waiter else { return }
    self.waiter = nil
    FutureSet.remove(waiter, from: watched)
    watched = []
  }
}

/// The futures of `asCompleted(_:timeout:)`: call `next()` until it returns nil.
public struct TimedCompletions<T: Sendable>: @unchecked Sendable {
  @usableFromInline let completions: AsCompleted<T>

  @inlinable
  init(_ completions: AsCompleted<T>) { self.completions = completions }

  /// The next future to complete, nil at the end; throws `FutureError.timeout` when the
  /// time-out passes with futures still unfinished.
  @inlinable
  public mutating func next() throws -> Future<T>? { try completions.nextThrowing() }
}
