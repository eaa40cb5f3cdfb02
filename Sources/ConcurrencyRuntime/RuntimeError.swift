/// Failures of the runtime itself, as opposed to the code it runs.
public enum RuntimeError: Error, Equatable, CustomStringConvertible {
  /// Every live simulated thread is blocked and nothing is due to wake: the program can never
  /// finish. Each entry names a blocked thread and what it waits for.
  case deadlock([String])
  /// A replayed schedule stopped fitting the run at decision `at` (counted from 0): the
  /// program did something else than when the schedule was recorded.
  case scheduleDiverged(at: Int)
  /// Work of a virtual run reached outside it, or outside work reached into it, so the run
  /// cannot be deterministic: ``RuntimeEscape`` says what and where.
  case escaped(RuntimeEscape)

  public var description: String {
    switch self {
    case .deadlock(let blocked):
      return "deadlock: every thread is blocked: " + blocked.joined(separator: "; ")
    case .scheduleDiverged(let index):
      return "the replayed schedule stopped fitting the run at decision \(index)"
    case .escaped(let escape):
      return escape.description
    }
  }
}
