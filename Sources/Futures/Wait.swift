import ConcurrencyRuntime

/// When `wait(_:timeout:returnWhen:)` returns.
public enum ReturnCondition: Sendable {
  /// As soon as any future finishes or is cancelled.
  case firstCompleted
  /// As soon as any future raises an error; otherwise when all are done.
  case firstException
  /// When every future is done.
  case allCompleted
}

/// The futures `wait` found done and not done, each in the order they were given.
public struct DoneAndNotDone<T: Sendable>: Sendable {
  /// Finished or cancelled futures.
  public var done: [Future<T>]
  /// The others.
  public var notDone: [Future<T>]
}

/// Blocks until the futures meet `returnWhen`, or until `timeout` passes, as Python's
/// `concurrent.futures.wait`; a time-out is not an error, it leaves futures in `notDone`.
///
///     let (done, notDone) = (wait(futures, returnWhen: .firstCompleted)).pair
public func wait<T: Sendable>(
  _ futures: some Sequence<Future<T>>, timeout: Duration? = nil,
  returnWhen: ReturnCondition = .allCompleted
) -> DoneAndNotDone<T> {
  let set = FutureSet(futures)
  guard let runtime = set.futures.first?.runtime else {
    return DoneAndNotDone(done: [], notDone: [])
  }
  let waiter = Waiter<T>(
    returnWhen == .firstCompleted
      ? .anyCompletion : .allCompleted(stopOnException: returnWhen == .firstException),
    runtime: runtime)
  let (settled, watched) = set.watch(with: waiter)
  var done = Set(settled.lazy.map(ObjectIdentifier.init))
  // A settled future never changes again, and `watch` read it under its lock.
  let met: Bool
  switch returnWhen {
  case .firstCompleted: met = !settled.isEmpty
  case .firstException: met = settled.contains { $0.outcome.map(\.isFailure) == true }
  case .allCompleted: met = false
  }
  if !met && !watched.isEmpty {
    waiter.expect(watched.count)
    let deadline = timeout.map { runtime.now + $0 }
    for report in waiter.wait(until: deadline, runtime: runtime) {
      done.insert(ObjectIdentifier(report.future))
    }
  }
  FutureSet.remove(waiter, from: watched)
  return DoneAndNotDone(
    done: set.futures.filter { done.contains(ObjectIdentifier($0)) },
    notDone: set.futures.filter { !done.contains(ObjectIdentifier($0)) })
}

extension DoneAndNotDone {
  /// `(done, notDone)`, for destructuring.
  public var pair: (done: [Future<T>], notDone: [Future<T>]) { (done, notDone) }
}

extension Result {
  @inlinable
  var isFailure: Bool {
    if case .failure = self { return true }
    return false
  }
}
