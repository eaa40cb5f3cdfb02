import ConcurrencyRuntime

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
///
/// As CPython's generator does, it lets go of each future as it hands it out: a caller that
/// drops the futures it has handled frees them, however long the iteration goes on.
public final class AsCompleted<T: Sendable>: Sequence, IteratorProtocol, @unchecked Sendable {
  /// The futures to watch, until iteration starts.
  @usableFromInline var input: FutureSet<T>?
  @usableFromInline let timeout: Duration?
  @usableFromInline var started = false
  @usableFromInline var runtime: Runtime?
  /// How many distinct futures there were, for the time-out message.
  @usableFromInline var total = 0
  @usableFromInline var deadline: Duration?
  /// Settled futures not yet handed out, the next one last: popping one lets go of it.
  @usableFromInline var ready: [Future<T>] = []
  /// Watched futures not yet reported: each reports to the waiter exactly once.
  @usableFromInline var unfinished = 0
  @usableFromInline var waiter: Waiter<T>?
  /// The futures the waiter is installed on, by slot; a slot is emptied when its future
  /// reports, so that only unfinished futures are held here.
  @usableFromInline var watched: [Future<T>?] = []

  @inlinable
  init(_ set: FutureSet<T>, timeout: Duration?) {
    self.input = set
    self.timeout = timeout
  }

  deinit { finish() }

  /// The next future to complete; blocks while none has. Nil when all have been yielded.
  @inlinable
  public func next() -> Future<T>? {
    switch step() {
    case .future(let future): return future
    // Without a time-out there is none to pass.
    case .end, .timeout: return nil
    }
  }

  /// What `step` found.
  @usableFromInline
  enum Step {
    case future(Future<T>)
    case end
    /// The time-out passed, with CPython's message.
    case timeout(String)
  }

  @inlinable
  func step() -> Step {
    if !started { start() }
    while ready.isEmpty {
      guard unfinished > 0, let waiter, let runtime else {
        finish()
        return .end
      }
      if let deadline, deadline - runtime.now <= .zero {
        let message = "\(unfinished) (of \(total)) futures unfinished"
        finish()
        return .timeout(message)
      }
      let reported = waiter.wait(until: deadline, runtime: runtime)
      unfinished -= reported.count
      // As CPython's `_yield_finished_futures`: a reported future is let go of here and no
      // longer lists the waiter, so that nothing ties it to the iterator once handed out.
      ready.reserveCapacity(reported.count)
      for report in reported.reversed() {
        watched[report.slot] = nil
        FutureSet.remove(waiter, from: report.future)
        ready.append(report.future)
      }
    }
    return .future(ready.removeLast())
  }

  @inlinable
  func start() {
    started = true
    guard let set = input else { return }
    input = nil
    guard let runtime = set.futures.first?.runtime else { return }
    self.runtime = runtime
    total = set.futures.count
    deadline = timeout.map { runtime.now + $0 }
    let waiter = Waiter<T>(.anyCompletion, runtime: runtime)
    self.waiter = waiter
    (ready, watched) = set.watch(with: waiter)
    ready.reverse()
    unfinished = watched.count
  }

  @inlinable
  func finish() {
    guard let waiter else { return }
    self.waiter = nil
    // Reported futures no longer list the waiter; only the unfinished ones are left here.
    if unfinished > 0 { FutureSet.remove(waiter, from: watched) }
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
  public mutating func next() throws -> Future<T>? {
    switch completions.step() {
    case .future(let future): return future
    case .end: return nil
    case .timeout(let message): throw FutureError.timeout(message)
    }
  }
}
