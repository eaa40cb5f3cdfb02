import Runtime

/// Distinct futures in first-seen order, with CPython's `_AcquireFutures`: take every future's
/// lock in one fixed order (creation order) so that two waiters can never deadlock.
struct FutureSet<Value: Sendable> {
  let futures: [Future<Value>]

  init(_ futures: some Sequence<Future<Value>>) {
    var seen = Set<ObjectIdentifier>()
    self.futures = futures.filter { seen.insert(ObjectIdentifier($0)).inserted }
  }

  func withAllLocked<T>(_ body: () throws -> T) rethrows -> T {
    let ordered = futures.sorted { $0.serial < $1.serial }
    for future in ordered { future.condition.lock() }
    defer { for future in ordered.reversed() { future.condition.unlock() } }
    return try body()
  }

  func install(_ waiter: Waiter<Value>) {
    for future in futures { future.waiters.append(waiter) }
  }

  func remove(_ waiter: Waiter<Value>) {
    for future in futures {
      future.condition.withLock { future.waiters.removeAll { $0 === waiter } }
    }
  }
}
