import Runtime

/// The lazy results of `Executor.map`, in input order: each `next()` blocks until that item's
/// result is ready.
///
/// Elements are `Result`s, because Swift's `for` loop cannot throw from `next()`: call `get()`
/// to rethrow a task's error where Python's loop would raise it. After an error or a time-out
/// the iteration ends and the remaining futures are cancelled, as they are when the results
/// are dropped before the end (Python closes the generator).
public final class MapResults<T: Sendable>: Sequence, IteratorProtocol, @unchecked Sendable,
  CustomStringConvertible
{
  /// The futures in input order; each slot is emptied as its result is taken, so that the
  /// results already handed out are not kept here (CPython pops them off its list).
  @usableFromInline var futures: [Future<T>?]
  @usableFromInline let deadline: Duration?
  @usableFromInline let runtime: Runtime
  @usableFromInline var position = 0
  @usableFromInline var ended = false
  @usableFromInline var address = ""

  @inlinable
  init(futures: [Future<T>?], deadline: Duration?, runtime: Runtime) {
    self.futures = futures
    self.deadline = deadline
    self.runtime = runtime
    self.address = runtime.address(of: self)
  }

  deinit { cancelRemaining() }

  /// The next result, waiting for it; nil at the end.
  @inlinable
  public func next() -> Result<T, any Error>? {
    guard !ended, position < futures.count, let future = futures[position] else { return nil }
    futures[position] = nil
    position += 1
    do {
      let timeout = deadline.map { $0 - runtime.now }
      return .success(try future.result(timeout: timeout))
    } catch {
      // As CPython's `_result_or_cancel`: the future that timed out is cancelled too, so a
      // pending one does not run after all.
      future.cancel()
      ended = true
      cancelRemaining()
      return .failure(error)
    }
  }

  /// `<MapResults object at 0x…>`, as Python shows a generator: nothing has run to produce it.
  public var description: String { "<MapResults object at \(address)>" }

  @usableFromInline
  func cancelRemaining() {
    for case let future? in futures[position...] { future.cancel() }
  }
}
