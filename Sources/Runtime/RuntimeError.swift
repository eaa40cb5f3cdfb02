/// Failures of the runtime itself, as opposed to the code it runs.
public enum RuntimeError: Error, Equatable, CustomStringConvertible {
  /// Every live simulated thread is blocked and nothing is due to wake: the program can never
  /// finish. Each entry names a blocked thread and what it waits for.
  case deadlock([String])

  public var description: String {
    switch self {
    case .deadlock(let blocked):
      return "deadlock: every thread is blocked: " + blocked.joined(separator: "; ")
    }
  }
}
