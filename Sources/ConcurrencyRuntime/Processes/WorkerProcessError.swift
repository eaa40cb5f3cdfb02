/// Failures of a worker process's plumbing, as opposed to the work it does.
///
///     WorkerProcessError.cannotStart("/no/such/worker", reason: "No such file or directory")
///       .description  // "cannot start worker /no/such/worker: No such file or directory"
public enum WorkerProcessError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The executable could not be started.
  case cannotStart(String, reason: String)
  /// A message was sent to a process whose input is closed (it has exited, or was told to).
  case inputClosed(String)
  /// Bytes arrived that are not a well-formed message.
  case malformedMessage(String)
  /// Reading from or writing to the process failed.
  case ioFailed(String)

  /// One line saying what went wrong.
  public var description: String {
    switch self {
    case .cannotStart(let executable, let reason):
      "cannot start worker \(executable): \(reason)"
    case .inputClosed(let name): "the input of \(name) is closed"
    case .malformedMessage(let what): "malformed message: \(what)"
    case .ioFailed(let what): what
    }
  }
}
