import ConcurrencyRuntime

/// An executor that runs ``WorkerFunction``s: a ``ProcessPoolExecutor`` in worker processes,
/// a ``ThreadPoolExecutor`` on its threads. Code written against it runs on either, as
/// Python code switches from one executor class to the other by changing one line.
///
///     func digests(_ executor: some WorkerFunctionExecutor) throws -> [String] {
///       try executor.map(sha256Job, jobs).map { try $0.get() }
///     }
public protocol WorkerFunctionExecutor: AnyObject, Sendable {
  /// Schedules `function(argument)` and returns its future at once.
  func submit<Input, Output>(_ function: WorkerFunction<Input, Output>, _ argument: Input)
    throws -> Future<Output>

  /// Stops accepting work; see ``Executor/shutdown(wait:cancelFutures:)``.
  func shutdown(wait: Bool, cancelFutures: Bool)

  /// The runtime the executor runs on.
  var runtime: Runtime { get }
}

extension WorkerFunctionExecutor {
  /// `function` applied to every item concurrently, the results lazily in input order, as
  /// ``Executor/map(_:_:timeout:bufferSize:)`` (same time-out, buffer and error rules).
  ///
  ///     for result in try executor.map(square, 1...3) { print(try result.get()) }
  ///     // 1
  ///     // 4
  ///     // 9
  public func map<S: Sequence, Output>(
    _ function: WorkerFunction<S.Element, Output>, _ items: S, timeout: Duration? = nil,
    bufferSize: Int? = nil
  ) throws -> MapResults<Output> where S.Element: Codable & Sendable {
    let deadline = timeout.map { runtime.now + $0 }
    guard let bufferSize else {
      var futures: [Future<Output>?] = []
      futures.reserveCapacity(items.underestimatedCount)
      for item in items { futures.append(try submit(function, item)) }
      return MapResults(futures: futures, deadline: deadline, runtime: runtime)
    }
    guard bufferSize > 0 else {
      throw FutureError.invalidArgument("buffersize must be None or > 0")
    }
    let input = FunctionMapInput(executor: self, function: function, items: items.makeIterator())
    var futures: [Future<Output>?] = []
    while futures.count < bufferSize, let future = try input.submitNext() {
      futures.append(future)
    }
    return MapResults(
      futures: futures, deadline: deadline, runtime: runtime, refill: input.submitNext)
  }
}

/// The inputs of a buffered `map` over a worker function not yet submitted.
final class FunctionMapInput<E: WorkerFunctionExecutor, Items: IteratorProtocol, Output>
where Items.Element: Codable & Sendable, Output: Codable & Sendable {
  let executor: E
  let function: WorkerFunction<Items.Element, Output>
  var items: Items

  init(executor: E, function: WorkerFunction<Items.Element, Output>, items: Items) {
    self.executor = executor
    self.function = function
    self.items = items
  }

  func submitNext() throws -> Future<Output>? {
    guard let item = items.next() else { return nil }
    return try executor.submit(function, item)
  }
}

extension ThreadPoolExecutor: WorkerFunctionExecutor {
  /// Runs `function(argument)` on a pool thread, in this process: nothing is encoded.
  public func submit<Input, Output>(_ function: WorkerFunction<Input, Output>, _ argument: Input)
    throws -> Future<Output>
  {
    let label =
      runtime.trace.recordsSpans ? ProcessPoolExecutor.label(function.name, argument) : nil
    return try submit(label: label) { try function(argument) }
  }
}
