import ConcurrencyRuntime

/// A function that a worker process can run: a stable name, a `Codable` input and output, and
/// the body. Closures cannot cross a process boundary, so a process pool's job names one of
/// these and carries its encoded argument; the worker finds the function by name in its
/// ``WorkerRegistry``.
///
/// In virtual time a simulated worker runs the body at once, so a function whose work is
/// CPU-bound says what it costs (``costing(_:)``): how long the simulated process keeps a
/// virtual CPU busy (``Runtime/compute(for:)``) for that input. Live, the real work takes the
/// real time and the cost is not used.
///
///     let square = WorkerFunction<Int, Int>("square") { $0 * $0 }
///       .costing { _ in .milliseconds(10) }
///     print(try square(7))   // 49, run in this process
public struct WorkerFunction<Input: Codable & Sendable, Output: Codable & Sendable>: Sendable {
  /// The name a job is sent under; unique in a registry and the same in every process.
  public let name: String
  let body: @Sendable (Input) throws -> Output
  private(set) var cost: @Sendable (Input) -> Duration

  /// A function called `name` that runs `body`, free in virtual time until ``costing(_:)``.
  public init(_ name: String, _ body: @escaping @Sendable (Input) throws -> Output) {
    self.name = name
    self.body = body
    self.cost = { _ in .zero }
  }

  /// The same function, costing `cost(input)` of CPU time in a simulated worker.
  ///
  ///     let digest = WorkerFunction<[UInt8], String>("digest") { SHA256.hexDigest(of: $0) }
  ///       .costing { .microseconds($0.count / 100) }
  public func costing(_ cost: @escaping @Sendable (Input) -> Duration) -> WorkerFunction {
    var function = self
    function.cost = cost
    return function
  }

  /// Runs the function here, in this process.
  public func callAsFunction(_ input: Input) throws -> Output { try body(input) }

  /// The CPU time a simulated worker spends on `input`.
  public func virtualCost(of input: Input) -> Duration { cost(input) }
}

/// Thrown by a worker function to end its worker process at once with `status`, without an
/// answer: what `exit(status)` would do in a real worker, in a way a simulated worker can do
/// too. The pool then sees a worker that died, and breaks. Run in this process (in a thread
/// pool, say), it is an ordinary error.
///
///     let quit = WorkerFunction<Int32, Int>("quit") { throw WorkerProcessExit(status: $0) }
public struct WorkerProcessExit: Error, Equatable, Sendable, CustomStringConvertible {
  /// The exit status.
  public var status: Int32

  /// Ends the worker with `status`.
  public init(status: Int32) { self.status = status }

  /// `worker process exit 3`.
  public var description: String { "worker process exit \(status)" }
}
