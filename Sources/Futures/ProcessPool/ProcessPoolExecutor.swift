import ConcurrencyRuntime
import Foundation

/// An executor that runs worker functions in a pool of at most `maxWorkers` worker processes,
/// as Python's `concurrent.futures.ProcessPoolExecutor`.
///
/// A closure cannot cross a process boundary, so a job names a ``WorkerFunction`` and carries
/// its argument, encoded; the worker, an executable that calls ``WorkerHost/run(registry:name:)``
/// (by default this program, started again as `PROGRAM worker`), decodes it, runs the function
/// and sends back the encoded result. Workers start on demand, one per `submit` while none is
/// idle, and are reused; with `maxTasksPerChild`, each is replaced after that many jobs.
///
/// The pool is written on the runtime's primitives, like ``ThreadPoolExecutor``: live, the
/// workers are real child processes; in virtual time they are simulated processes that
/// really encode and decode every message, and spend each function's virtual cost on a
/// virtual CPU.
///
///     try withProcessPoolExecutor(maxWorkers: 2, registry: registry) { executor in
///       let futures = try (1...3).map { n in try executor.submit(square, n) }
///       for future in asCompleted(futures) { print(try future.result()) }
///     }
///     // 1
///     // 4
///     // 9
///
/// A worker that dies (killed, crashed, or exited) breaks the pool: pending and running
/// futures fail with ``FutureError/brokenProcessPool(_:)``, which says which worker died and
/// how, and so do later submits. An error thrown in a worker arrives as a ``RemoteError``
/// with its type name and message. An argument or result that cannot be encoded fails only
/// its own future.
public final class ProcessPoolExecutor: WorkerFunctionExecutor, @unchecked Sendable {
  /// The most worker processes the pool will run at once.
  public let maxWorkers: Int
  /// How many jobs a worker runs before it exits and is replaced (nil: no limit).
  public let maxTasksPerChild: Int?
  /// The prefix of the workers' names (`ProcessPoolExecutor-0`, so `ProcessPoolExecutor-0_1`).
  public let namePrefix: String
  /// The command that starts a live worker.
  public let command: WorkerCommand
  /// The runtime the pool runs on.
  public let runtime: Runtime

  private let state: ProcessPoolState

  /// A pool of `maxWorkers` processes (default: the runtime's CPU count, a fixed number in
  /// virtual time), each started with `command` (default: this executable with `worker`).
  ///
  /// `registry` is what the simulated workers host in virtual time; a live worker hosts what
  /// its executable registers, which should be the same functions. Throws
  /// ``FutureError/invalidArgument(_:)`` if `maxWorkers` or `maxTasksPerChild` is below 1.
  public init(
    maxWorkers: Int? = nil, maxTasksPerChild: Int? = nil, registry: WorkerRegistry,
    command: WorkerCommand = .currentExecutable(), runtime: Runtime = .current
  ) throws {
    if let maxWorkers, maxWorkers <= 0 {
      throw FutureError.invalidArgument("max_workers must be greater than 0")
    }
    if let maxTasksPerChild, maxTasksPerChild <= 0 {
      throw FutureError.invalidArgument("max_tasks_per_child must be >= 1")
    }
    self.maxWorkers = maxWorkers ?? runtime.cpuCount
    self.maxTasksPerChild = maxTasksPerChild
    self.command = command
    self.runtime = runtime
    namePrefix = "ProcessPoolExecutor-\(runtime.nextNumber(for: "ProcessPoolExecutor"))"
    state = ProcessPoolState(
      runtime: runtime, registry: registry, command: command, maxWorkers: self.maxWorkers,
      maxTasksPerChild: maxTasksPerChild, prefix: namePrefix)
  }

  deinit {
    // As CPython's weak-reference callback: nobody can submit any more, so the workers go once
    // the queued work is done. A virtual runtime's primitives work only on its own threads.
    if runtime.capabilities.primitivesWorkOutside || Runtime.current === runtime {
      state.shutdown(wait: false, cancelFutures: false)
    }
  }

  /// Sends `function(argument)` to a worker and returns its future at once.
  ///
  /// Throws ``FutureError/shutdown`` after `shutdown`, ``FutureError/brokenProcessPool(_:)``
  /// once a worker has died, and the runtime's error if a worker cannot be started. An
  /// argument that cannot be encoded is not thrown: its future fails with the encoding error.
  public func submit<Input, Output>(_ function: WorkerFunction<Input, Output>, _ argument: Input)
    throws -> Future<Output>
  {
    let encoded = Result { try WorkerCodec.encode(argument) }
    let label = runtime.trace.recordsSpans ? Self.label(function.name, argument) : nil
    state.condition.lock()
    defer { state.condition.unlock() }
    if let broken = state.broken { throw FutureError.brokenProcessPool(broken) }
    if state.isShutdown { throw FutureError.shutdown }
    let future = Future<Output>(runtime: runtime)
    switch encoded {
    case .failure(let error):
      try? future.setException(error)
    case .success(let bytes):
      let ticket = TypedJobTicket(
        future: future, id: state.nextID, function: function.name, argument: bytes, label: label)
      try state.enqueue(ticket)
      state.nextID += 1
    }
    return future
  }

  /// Stops taking work. With `wait`, returns once the queued work is done and every worker
  /// has exited and been reaped; with `cancelFutures`, cancels what has not started. Calling
  /// it again is harmless.
  public func shutdown(wait: Bool = true, cancelFutures: Bool = false) {
    state.shutdown(wait: wait, cancelFutures: cancelFutures)
  }

  /// The worker processes running now, for looking at (or, in a test, killing).
  public var workerProcesses: [any WorkerProcess] {
    state.condition.withLock { state.workers.map(\.process) }
  }

  /// `square(7)`, shortened to 60 characters: how a job's span is labelled.
  static func label<Input>(_ name: String, _ argument: Input) -> String {
    var text = String(describing: argument)
    if text.count > 60 { text = String(text.prefix(59)) + "…" }
    return "\(name)(\(text))"
  }
}

/// Runs `body` with a new process pool and shuts it down (waiting for its work and its
/// workers) when `body` returns or throws: Python's `with ProcessPoolExecutor() as executor:`.
///
///     let total = try withProcessPoolExecutor(maxWorkers: 2, registry: registry) { executor in
///       try executor.map(square, 1...3).reduce(0) { $0 + (try $1.get()) }
///     }
///     print(total)   // 14
public func withProcessPoolExecutor<R>(
  maxWorkers: Int? = nil, maxTasksPerChild: Int? = nil, registry: WorkerRegistry,
  command: WorkerCommand = .currentExecutable(), runtime: Runtime = .current,
  _ body: (ProcessPoolExecutor) throws -> R
) throws -> R {
  let executor = try ProcessPoolExecutor(
    maxWorkers: maxWorkers, maxTasksPerChild: maxTasksPerChild, registry: registry,
    command: command, runtime: runtime)
  defer { executor.shutdown(wait: true) }
  return try body(executor)
}
