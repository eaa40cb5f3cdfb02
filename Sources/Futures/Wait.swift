import Runtime

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
  var done = Set<ObjectIdentifier>()
  var watched: [Future<T>] = []
  let waiter: Waiter<T>? = set.withAllLocked {
    for future in set.futures where future.isSettled { done.insert(ObjectIdentifier(future)) }
    let settled = set.futures.filter { done.contains(ObjectIdentifier($0)) }
    switch returnWhen {
    case .firstCompleted where !settled.isEmpty:
      return nil
    case .firstException
    where settled.contains(where: { $0.phase == .finished && $0.outcome.map(\.isFailure) == true }):
      return nil
    default:
      break
    }
    if settled.count == set.futures.count { return nil }
    let pending = set.futures.count - settled.count
    let waiter = Waiter<T>(
      returnWhen == .firstCompleted
        ? .anyCompletion
        : .allCompleted(pending: pending, stopOnException: returnWhen == .firstException),
      runtime: runtime)
    watched = set.install(waiter)
    return waiter
  }
  if let waiter {
    let deadline = timeout.map { runtime.now + $0 }
    let finished = waiter.wait(until: deadline, runtime: runtime)
    FutureSet.remove(waiter, from: watched)
    for future in finished { done.insert(ObjectIdentifier(future)) }
  }
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
