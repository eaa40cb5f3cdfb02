import ConcurrencyRuntime

/// Something that runs calls asynchronously and hands back futures, as Python's
/// `concurrent.futures.Executor`.
public protocol Executor: AnyObject, Sendable {
  /// Schedules `body` and returns its future at once. Throws `FutureError.shutdown` after
  /// `shutdown`, `FutureError.broken` if the executor can no longer run work.
  func submit<T: Sendable>(label: String?, _ body: @escaping @Sendable () throws -> T) throws
    -> Future<T>

  /// Stops accepting work. With `wait`, returns once queued work is done; with
  /// `cancelFutures`, cancels what has not started. Calling it again is harmless.
  func shutdown(wait: Bool, cancelFutures: Bool)

  /// The runtime the executor's threads run on.
  var runtime: Runtime { get }
}

extension Executor {
  /// Schedules `body` and returns its future at once.
  @inlinable
  public func submit<T: Sendable>(_ body: @escaping @Sendable () throws -> T) throws -> Future<T> {
    try submit(label: nil, body)
  }

  /// Shuts down, by default waiting for queued work and cancelling nothing.
  public func shutdown(wait: Bool = true, cancelFutures: Bool = false) {
    shutdown(wait: wait, cancelFutures: cancelFutures)
  }

  /// Calls `transform` on every item concurrently and returns the results lazily, in the
  /// order of `items`, as Python's `Executor.map`.
  ///
  /// Without `bufferSize`, everything is submitted before `map` returns, so `map` itself never
  /// blocks; it is taking each next result that waits for that item. With `bufferSize: n`
  /// (Python 3.14's `buffersize`), only the first `n` items are submitted at once, and one more
  /// each time a result is asked for, so that `map` over an endless sequence works in bounded
  /// memory; `n` below 1 throws `FutureError.invalidArgument`. The results then keep the
  /// executor alive until they end or are dropped, since they still submit to it.
  ///
  /// A task's error surfaces at its position and ends the iteration. `timeout` counts from the
  /// call to `map`: when it passes, the pending result is a `FutureError.timeout` and the
  /// future waited for and all later ones are cancelled.
  ///
  ///     for result in try executor.map({ $0 * 10 }, 0..<3) {
  ///       print(try result.get())
  ///     }
  ///     // 0
  ///     // 10
  ///     // 20
  ///
  ///     for result in try executor.map({ $0 * $0 }, 1..., bufferSize: 4).prefix(3) {
  ///       print(try result.get())
  ///     }
  ///     // 1
  ///     // 4
  ///     // 9
  @inlinable
  public func map<S: Sequence, T: Sendable>(
    _ transform: @escaping @Sendable (S.Element) throws -> T, _ items: S,
    timeout: Duration? = nil, bufferSize: Int? = nil
  ) throws -> MapResults<T> where S.Element: Sendable {
    if let bufferSize {
      return try bufferedMap(transform, items, timeout: timeout, bufferSize: bufferSize)
    }
    let deadline = timeout.map { runtime.now + $0 }
    var futures: [Future<T>?] = []
    let labelled = runtime.trace.recordsSpans
    futures.reserveCapacity(items.underestimatedCount)
    for item in items {
      futures.append(try submit(label: labelled ? "\(item)" : nil) { try transform(item) })
    }
    return MapResults(futures: futures, deadline: deadline, runtime: runtime)
  }

  /// `map` with a `bufferSize`: the first `bufferSize` items now, the others as results are
  /// taken, as CPython 3.14.
  @inlinable
  func bufferedMap<S: Sequence, T: Sendable>(
    _ transform: @escaping @Sendable (S.Element) throws -> T, _ items: S,
    timeout: Duration?, bufferSize: Int
  ) throws -> MapResults<T> where S.Element: Sendable {
    guard bufferSize > 0 else {
      throw FutureError.invalidArgument("buffersize must be None or > 0")
    }
    let deadline = timeout.map { runtime.now + $0 }
    let input = MapInput(
      executor: self, items: items.makeIterator(), transform: transform,
      labelled: runtime.trace.recordsSpans)
    var futures: [Future<T>?] = []
    while futures.count < bufferSize, let future = try input.submitNext() {
      futures.append(future)
    }
    return MapResults(
      futures: futures, deadline: deadline, runtime: runtime, refill: input.submitNext)
  }

  /// `map` over two sequences zipped together, stopping at the shorter one.
  @inlinable
  public func map<S1: Sequence, S2: Sequence, T: Sendable>(
    _ transform: @escaping @Sendable (S1.Element, S2.Element) throws -> T, _ first: S1,
    _ second: S2, timeout: Duration? = nil, bufferSize: Int? = nil
  ) throws -> MapResults<T> where S1.Element: Sendable, S2.Element: Sendable {
    // Lazy, so that with a `bufferSize` the inputs are taken only as they are submitted.
    let pairs = zip(first, second).lazy.map { Pair($0, $1) }
    return try map(
      { pair in try transform(pair.first, pair.second) }, pairs, timeout: timeout,
      bufferSize: bufferSize)
  }
}

/// Two values travelling together into a pool thread.
public struct Pair<A: Sendable, B: Sendable>: Sendable, CustomStringConvertible {
  @usableFromInline let first: A
  @usableFromInline let second: B
  @inlinable
  init(_ first: A, _ second: B) {
    self.first = first
    self.second = second
  }
  public var description: String { "(\(first), \(second))" }
}
