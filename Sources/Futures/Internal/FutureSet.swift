import Runtime

/// Distinct futures in first-seen order, with CPython's `_AcquireFutures`: take every future's
/// lock in one fixed order (creation order) so that two waiters can never deadlock.
@usableFromInline
struct FutureSet<Value: Sendable> {
  @usableFromInline let futures: [Future<Value>]

  @inlinable
  init(_ futures: some Sequence<Future<Value>>) {
    var seen = Set<ObjectIdentifier>()
    self.futures = futures.filter { seen.insert(ObjectIdentifier($0)).inserted }
  }

  @inlinable
  func withAllLocked<T>(_ body: () throws -> T) rethrows -> T {
    // Futures usually come in the order they were made: then there is nothing to sort.
    let inOrder = zip(futures, futures.dropFirst()).allSatisfy { $0.serial < $1.serial }
    let ordered = inOrder ? futures : futures.sorted { $0.serial < $1.serial }
    for future in ordered { future.condition.lock() }
    defer { for future in ordered.reversed() { future.condition.unlock() } }
    return try body()
  }

  /// Has the futures that are not yet settled report to `waiter` (a settled one never reports
  /// again) and returns them, for `remove`. Every lock held (`withAllLocked`).
  @inlinable
  func install(_ waiter: Waiter<Value>) -> [Future<Value>] {
    let unsettled = futures.filter { !$0.isSettled }
    for future in unsettled { future.waiters.append(waiter) }
    return unsettled
  }

  /// Stops `futures` (those `install` returned) reporting to `waiter`.
  @inlinable
  static func remove(_ waiter: Waiter<Value>, from futures: [Future<Value>]) {
    for future in futures {
      future.condition.lock()
      future.waiters.removeAll { $0 === waiter }
      future.condition.unlock()
    }
  }
}
