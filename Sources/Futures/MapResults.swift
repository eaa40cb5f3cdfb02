import Runtime

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
  @usableFromInline var position = 0
  /// With a `bufferSize`: submits the next input, nil once they have run out. Dropped at the
  /// end, which lets go of the executor and the inputs.
  @usableFromInline var refill: (() throws -> Future<T>?)?
  /// Whether `next()` has been called: from then on, ending early cancels.
  @usableFromInline var started = false
  @usableFromInline var ended = false
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
    self.address = runtime.address(of: self)
  }

  deinit {
    if started { cancelRemaining() }
  }

  /// The next result, waiting for it; nil at the end.
  @inlinable
  public func next() -> Result<T, any Error>? {
    started = true
    guard !ended, position < futures.count, let future = futures[position] else {
      end()
      return nil
    }
    if let refill, let error = submitOneMore(refill) {
      // As CPython: the submission's error ends the iteration, before the result it would
      // have preceded, and what is left is cancelled, that one included.
      cancelRemaining()
      end()
      return .failure(error)
    }
    futures[position] = nil
    position += 1
    do {
      let timeout = deadline.map { $0 - runtime.now }
      return .success(try future.result(timeout: timeout))
    } catch {
      // As CPython's `_result_or_cancel`: the future that timed out is cancelled too, so a
      // pending one does not run after all.
      future.cancel()
      cancelRemaining()
      end()
      return .failure(error)
    }
  }

  /// Ends the iteration, as Python's `generator.close()`: once the first result has been asked
  /// for, it cancels the futures that have not started; before that, it cancels nothing.
  /// `next()` returns nil afterwards. Dropping the results does the same.
  public func close() {
    if started { cancelRemaining() }
    end()
  }

  /// `<MapResults object at 0x…>`, as Python shows a generator: nothing has run to produce it.
  public var description: String { "<MapResults object at \(address)>" }

  @usableFromInline
  func cancelRemaining() {
    for case let future? in futures[position...] { future.cancel() }
  }

  /// With a `bufferSize`: submits one more input before the next result is waited for, as
  /// CPython 3.14 does, so that `bufferSize` tasks stay ahead of the consumer; the error if the
  /// executor refused it. Also drops the slots already taken, once they are half the array.
  @usableFromInline
  func submitOneMore(_ refill: () throws -> Future<T>?) -> (any Error)? {
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
      return nil
    } catch {
      return error
    }
  }

  /// Lets go of everything: later calls to `next()` return nil.
  @usableFromInline
  func end() {
    ended = true
    futures = []
    position = 0
    refill = nil
  }
}
