import ConcurrencyRuntime

/// The lazy results of `Executor.map`, in input order: each `next()` blocks until that item's
/// result is ready.
///
/// Elements are `Result`s, because Swift's `for` loop cannot throw from `next()`: call `get()`
/// to rethrow a task's error where Python's loop would raise it. After an error or a time-out
/// the iteration ends, and the future waited for and all later ones are cancelled.
///
/// Ending early follows Python's generator: once the first result has been asked for,
/// dropping the results (or calling `close()`) cancels the futures that have not started, as
/// closing the generator runs its clean-up. Results dropped or closed before the first `next()`
/// cancel nothing, as a generator that never started runs no clean-up: the work goes on, and
/// nobody waits for it.
///
///     let results = try executor.map(download, urls)
///     if let first = results.next() { save(try first.get()) }
///     results.close()  // the downloads not yet started never start
public final class MapResults<T: Sendable>: Sequence, IteratorProtocol, @unchecked Sendable,
  CustomStringConvertible
{
  /// The futures in input order; each slot is emptied as its result is taken, so that the
  /// results already handed out are not kept here (CPython pops them off its list).
  @usableFromInline var futures: [Future<T>?]
  @usableFromInline let deadline: Duration?
  @usableFromInline let runtime: Runtime
  /// The slot of the next result.
  @usableFromInline var position = 0
  /// With a `bufferSize`: submits the next input, nil once they have run out. Dropped at the
  /// end, which lets go of the executor and the inputs.
  @usableFromInline var refill: (() throws -> Future<T>?)?
  /// Whether this came from a `map` with a `bufferSize`: a constant, so that the default path
  /// tests it without reading `refill`.
  @usableFromInline let isBuffered: Bool
  /// Whether `next()` has been called, where `position` does not tell (`hasStarted`).
  @usableFromInline var started = false
  @usableFromInline var address = ""

  @inlinable
  init(
    futures: [Future<T>?], deadline: Duration?, runtime: Runtime,
    refill: (() throws -> Future<T>?)? = nil
  ) {
    self.futures = futures
    self.deadline = deadline
    self.runtime = runtime
    self.refill = refill
    self.isBuffered = refill != nil
    self.address = runtime.address(of: self)
  }

  deinit {
    if hasStarted { cancelRemaining() }
  }

  /// The next result, waiting for it; nil at the end.
  @inlinable
  public func next() -> Result<T, any Error>? {
    if isBuffered { return nextBuffered() }
    // The path every unbuffered result takes, kept small: a taken future moves `position` on,
    // which is how `hasStarted` knows that iteration began.
    let index = position
    guard index < futures.count, let future = futures[index].take() else {
      end()
      return nil
    }
    position = index + 1
    return result(of: future)
  }

  /// `next()` with a `bufferSize`.
  @usableFromInline
  func nextBuffered() -> Result<T, any Error>? {
    started = true
    guard position < futures.count, let refill else {
      if position < futures.count, let future = futures[position].take() {
        position += 1
        return result(of: future)
      }
      end()
      return nil
    }
    // As CPython 3.14: one more input goes in before the next result is waited for, so that
    // `bufferSize` tasks stay ahead of the consumer.
    if position >= 16 && position * 2 >= futures.count {
      futures.removeFirst(position)
      position = 0
    }
    do {
      if let future = try refill() {
        futures.append(future)
      } else {
        self.refill = nil
      }
    } catch {
      // The submission's error ends the iteration, before the result it would have preceded,
      // and what is left is cancelled, that one included.
      cancelRemaining()
      end()
      return .failure(error)
    }
    guard let future = futures[position].take() else {
      end()
      return nil
    }
    position += 1
    return result(of: future)
  }

  /// The outcome of `future`, waited for until the deadline.
  @inlinable
  func result(of future: Future<T>) -> Result<T, any Error> {
    do {
      return .success(try future.result(timeout: deadline.map { $0 - runtime.now }))
    } catch {
      return failed(future, error)
    }
  }

  /// Ends the iteration on `future`'s `error`.
  @usableFromInline
  func failed(_ future: Future<T>, _ error: any Error) -> Result<T, any Error> {
    // As CPython's `_result_or_cancel`: the future that timed out is cancelled too, so a
    // pending one does not run after all.
    future.cancel()
    cancelRemaining()
    end()
    return .failure(error)
  }

  /// Ends the iteration, as Python's `generator.close()`: once the first result has been asked
  /// for, it cancels the futures that have not started; before that, it cancels nothing.
  /// `next()` returns nil afterwards. Dropping the results does the same.
  public func close() {
    if hasStarted { cancelRemaining() }
    end()
  }

  /// `<MapResults object at 0x…>`, as Python shows a generator: nothing has run to produce it.
  public var description: String { "<MapResults object at \(address)>" }

  /// Whether `next()` has been called: from then on, ending early cancels.
  @usableFromInline
  var hasStarted: Bool { started || position > 0 }

  @usableFromInline
  func cancelRemaining() {
    for case let future? in futures[position...] { future.cancel() }
  }

  /// Lets go of everything: later calls to `next()` return nil.
  @usableFromInline
  func end() {
    // Iteration has begun if it ends here; `position` no longer tells.
    started = started || position > 0
    futures = []
    position = 0
    refill = nil
  }
}
