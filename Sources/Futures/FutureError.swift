/// The errors of `concurrent.futures`, in Swift.
public enum FutureError: Error, Equatable, CustomStringConvertible {
  /// The future was cancelled (Python's `CancelledError`).
  case cancelled
  /// The wait ran out of time (Python's `TimeoutError`), with Python's message if it has one.
  case timeout(String?)
  /// A result or error was set on a future that already had one (`InvalidStateError`).
  case invalidState(String)
  /// `submit` after `shutdown` ("cannot schedule new futures after shutdown").
  case shutdown
  /// The pool can no longer run work (`BrokenThreadPool`), with the reason.
  case broken(String)
  /// A worker process died, so the process pool can no longer run work (`BrokenProcessPool`):
  /// which worker, and how it ended.
  case brokenProcessPool(String)
  /// A bad argument, such as `maxWorkers` of zero (Python's `ValueError`).
  case invalidArgument(String)

  public var description: String {
    switch self {
    case .cancelled: return "CancelledError"
    case .timeout(let message): return "TimeoutError" + (message.map { ": \($0)" } ?? "")
    case .invalidState(let message): return "InvalidStateError: \(message)"
    case .shutdown: return "RuntimeError: cannot schedule new futures after shutdown"
    case .broken(let message): return "BrokenThreadPool: \(message)"
    case .brokenProcessPool(let message): return "BrokenProcessPool: \(message)"
    case .invalidArgument(let message): return "ValueError: \(message)"
    }
  }
}
