import ConcurrencyRuntime

/// Distinct futures in first-seen order, and how `asCompleted` and `wait` start listening to
/// them.
///
/// CPython takes every future's lock at once (`_AcquireFutures`) to look at them all in one
/// instant. Here each future is looked at, and given the waiter if it is not done, under its
/// own lock, one future after another: a future that completes meanwhile is either seen done or
/// reported to the waiter, never both and never neither. One lock at a time also keeps
/// ThreadSanitizer's deadlock detector, which follows at most 64 locks held by one thread,
/// usable with any number of futures.
@usableFromInline
struct FutureSet<Value: Sendable> {
  @usableFromInline let futures: [Future<Value>]

  @inlinable
  init(_ futures: some Sequence<Future<Value>>) {
    var seen = Set<ObjectIdentifier>()
    self.futures = futures.filter { seen.insert(ObjectIdentifier($0)).inserted }
  }

  /// Splits the futures into those already settled and the others, each in the order given,
  /// and has the others report to `waiter` when they settle (a settled future never reports
  /// again). A watched future reports with its index in `watched` as its slot, so that the
  /// caller can let go of it; pass what is left of `watched` to `remove` when done listening.
  @inlinable
  func watch(with waiter: Waiter<Value>) -> (settled: [Future<Value>], watched: [Future<Value>?]) {
    var settled: [Future<Value>] = []
    var watched: [Future<Value>?] = []
    watched.reserveCapacity(futures.count)
    for future in futures {
      future.condition.lock()
      if future.isSettled {
        settled.append(future)
      } else {
        future.waiters.append(WaiterEntry(waiter, slot: watched.count))
        watched.append(future)
      }
      future.condition.unlock()
    }
    return (settled, watched)
  }

  /// Stops `futures` (those `watch` returned as watched, nil for any let go of) reporting to
  /// `waiter`.
  @inlinable
  static func remove(_ waiter: Waiter<Value>, from futures: [Future<Value>?]) {
    for case let future? in futures { remove(waiter, from: future) }
  }

  /// Stops `future` reporting to `waiter`.
  @inlinable
  static func remove(_ waiter: Waiter<Value>, from future: Future<Value>) {
    future.condition.lock()
    future.waiters.removeAll { $0.waiter === waiter }
    future.condition.unlock()
  }
}
