import ConcurrencyRuntime

/// The worker functions a worker process hosts, by name.
///
/// The same registry is built in the parent and in the worker executable (usually by one
/// function both call), so that a name means the same function on both sides. A live
/// worker process hosts it with ``WorkerHost/run(registry:name:)``; in virtual time the pool's
/// simulated workers host the registry given to the ``ProcessPoolExecutor``.
///
///     var registry = WorkerRegistry()
///     registry.register(square)
///     registry.register(sha256)
///     print(registry.names)   // ["sha256", "square"]
public struct WorkerRegistry: Sendable {
  /// One registered function, its types erased: decodes an argument, says its cost, and runs.
  struct Entry: Sendable {
    let prepare: @Sendable ([UInt8]) throws -> PreparedCall
  }

  /// A decoded call, ready to run: its virtual cost, and the call that encodes its result.
  struct PreparedCall {
    let cost: Duration
    let run: () throws -> [UInt8]
  }

  private var entries: [String: Entry] = [:]

  /// An empty registry.
  public init() {}

  /// Adds `function`. Registering two functions under one name is a programming error.
  public mutating func register<Input, Output>(_ function: WorkerFunction<Input, Output>) {
    precondition(
      entries[function.name] == nil, "a worker function named '\(function.name)' is registered")
    entries[function.name] = Entry { payload in
      let input = try WorkerCodec.decode(Input.self, from: payload)
      return PreparedCall(cost: function.cost(input)) {
        try WorkerCodec.encode(try function.body(input))
      }
    }
  }

  /// The names of the registered functions, sorted.
  public var names: [String] { entries.keys.sorted() }

  /// Whether a function called `name` is registered.
  public func contains(_ name: String) -> Bool { entries[name] != nil }

  func entry(named name: String) -> Entry? { entries[name] }
}

/// A job named a function that the worker does not host.
///
///     UnknownWorkerFunction(name: "cube").description
///     // "no worker function named 'cube' is registered in this worker"
public struct UnknownWorkerFunction: Error, Equatable, Sendable, CustomStringConvertible {
  /// The name the job asked for.
  public var name: String

  /// The error for a job that asked for `name`.
  public init(name: String) { self.name = name }

  /// `no worker function named 'NAME' is registered in this worker`.
  public var description: String {
    "no worker function named '\(name)' is registered in this worker"
  }
}
