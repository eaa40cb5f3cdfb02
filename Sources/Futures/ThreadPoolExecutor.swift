import ConcurrencyRuntime

/// An executor that runs calls on a pool of at most `maxWorkers` threads, as Python's
/// `concurrent.futures.ThreadPoolExecutor`.
///
/// Threads start on demand, one per `submit` while none is idle, up to `maxWorkers`, and are
/// named `prefix_0`, `prefix_1`, …; an idle thread is reused. Threads come from the runtime:
/// OS threads live, simulated ones in virtual time.
///
///     try withThreadPoolExecutor(maxWorkers: 3) { executor in
///       let futures = try (1...3).map { n in try executor.submit { n * n } }
///       for future in asCompleted(futures) { print(try future.result()) }
///     }
public final class ThreadPoolExecutor: Executor, @unchecked Sendable {
  /// The most threads the pool will start.
  public let maxWorkers: Int
  /// The prefix of the pool's thread names.
  public let threadNamePrefix: String
  /// The runtime whose threads run the work.
  public let runtime: Runtime

  private let pool: PoolState

  /// A pool of `maxWorkers` threads (default `min(32, cpuCount + 4)`), named after
  /// `threadNamePrefix` (default `ThreadPoolExecutor-N`), each running `initializer` first.
  ///
  /// Throws `FutureError.invalidArgument` if `maxWorkers` is not positive.
  public init(
    maxWorkers: Int? = nil, threadNamePrefix: String = "",
    initializer: (@Sendable () throws -> Void)? = nil, runtime: Runtime = .current
  ) throws {
    if let maxWorkers, maxWorkers <= 0 {
      throw FutureError.invalidArgument("max_workers must be greater than 0")
    }
    self.maxWorkers = maxWorkers ?? min(32, runtime.cpuCount + 4)
    self.runtime = runtime
    self.threadNamePrefix =
      threadNamePrefix.isEmpty
      ? "ThreadPoolExecutor-\(runtime.nextNumber(for: "ThreadPoolExecutor"))" : threadNamePrefix
    self.pool = PoolState(runtime: runtime, initializer: initializer)
  }

  deinit {
    // Like CPython's weakref callback: wake the threads so they notice nobody can submit.
    // A virtual runtime's primitives work only on its own threads; elsewhere, leave them be.
    if runtime.capabilities.primitivesWorkOutside || Runtime.current === runtime {
      pool.abandon()
    }
  }

  @inlinable
  public func submit<T: Sendable>(label: String?, _ body: @escaping @Sendable () throws -> T)
    throws -> Future<T>
  {
    // The future and its work item are made before the pool's lock is taken, so that the
    // threads taking work wait for no allocation. The span's name travels with the task only
    // while spans are recorded, and needs the submission number the lock hands out; a task
    // run without one carries one empty reference.
    let future = Future<T>(runtime: runtime)
    guard runtime.trace.recordsSpans else {
      let item = future.workItem(span: nil, body)
      try enqueue { _ in item }
      return future
    }
    try enqueue { number in
      future.workItem(
        span: SpanName(label: label ?? "task \(number)", executor: threadNamePrefix), body)
    }
    return future
  }

  /// Queues the work item that `make` returns for the next submission number, and starts a
  /// thread unless one is idle; throws, without calling `make`, once shut down or broken.
  @usableFromInline
  func enqueue(_ make: (Int) -> WorkItem) throws {
    pool.lock.lock()
    defer { pool.lock.unlock() }
    if let reason = pool.broken { throw FutureError.broken(reason) }
    if pool.isShutdown { throw FutureError.shutdown }
    pool.queue.put(make(pool.submitted))
    pool.submitted += 1
    adjustThreadCount()
  }

  public func shutdown(wait: Bool, cancelFutures: Bool) {
    let threads = pool.lock.withLock { () -> [any RuntimeThread] in
      pool.isShutdown = true
      if cancelFutures {
        for item in pool.queue.drain() { item(.cancel) }
      }
      pool.queue.put(nil)
      return pool.threads
    }
    if wait {
      for thread in threads { thread.join() }
    }
  }

  /// The threads started so far.
  public var threadCount: Int { pool.lock.withLock { pool.threads.count } }

  /// Starts a thread unless one is idle or the pool is full. Lock held.
  private func adjustThreadCount() {
    if pool.idle.tryAcquire() { return }
    let count = pool.threads.count
    guard count < maxWorkers else { return }
    let pool = self.pool
    pool.threads.append(
      runtime.spawn(name: "\(threadNamePrefix)_\(count)") { pool.work() })
  }
}

/// Runs `body` with a new thread pool and shuts it down (waiting for its work) when `body`
/// returns or throws: the Swift form of Python's `with ThreadPoolExecutor(...) as executor:`.
public func withThreadPoolExecutor<R>(
  maxWorkers: Int? = nil, threadNamePrefix: String = "",
  initializer: (@Sendable () throws -> Void)? = nil, runtime: Runtime = .current,
  _ body: (ThreadPoolExecutor) throws -> R
) throws -> R {
  let executor = try ThreadPoolExecutor(
    maxWorkers: maxWorkers, threadNamePrefix: threadNamePrefix, initializer: initializer,
    runtime: runtime)
  defer { executor.shutdown(wait: true) }
  return try body(executor)
}
