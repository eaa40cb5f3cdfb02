/// An error thrown by a worker function in a worker process, as it reaches the caller: the
/// error's type name and message, and where it happened. Errors cannot cross a process
/// boundary as values, so this stands in for the original, as CPython's re-raised exception
/// carries the worker's traceback.
///
///     do { _ = try future.result() } catch let error as RemoteError {
///       print(error.typeName)   // Boom
///       print(error)
///       // Boom: the answer is not 42 (raised by 'check' in worker ProcessPoolExecutor-0_0, pid 1000)
///     }
public struct RemoteError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The name of the error's type in the worker (`Boom`, `DecodingError`).
  public var typeName: String
  /// What the error said (its `description`).
  public var message: String
  /// The worker function that threw it.
  public var function: String
  /// The worker process, by the name the pool gave it.
  public var worker: String
  /// The worker's process id.
  public var pid: Int32

  /// An error with every part given.
  public init(typeName: String, message: String, function: String, worker: String, pid: Int32) {
    self.typeName = typeName
    self.message = message
    self.function = function
    self.worker = worker
    self.pid = pid
  }

  /// Where it happened: `raised by 'check' in worker ProcessPoolExecutor-0_0, pid 1000`.
  public var location: String { "raised by '\(function)' in worker \(worker), pid \(pid)" }

  /// `TYPE: MESSAGE (LOCATION)`.
  public var description: String { "\(typeName): \(message) (\(location))" }
}
