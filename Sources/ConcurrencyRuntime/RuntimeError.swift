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
  /// The run made no progress for `after` of real time: `holder`, the thread holding the
  /// baton, waits on something outside the run or computes for that long. `threads` are the
  /// run's other threads and what each was doing.
  case stalled(holder: String, after: Duration, threads: [String])
  /// The program misused a primitive in a way that would crash or hang a live run (a lock
  /// taken twice by its holder, released by a thread that does not hold it); said in words.
  case misuse(String)

  public var description: String {
    switch self {
    case .deadlock(let blocked):
      return "deadlock: every thread is blocked: " + blocked.joined(separator: "; ")
    case .scheduleDiverged(let index):
      return "the replayed schedule stopped fitting the run at decision \(index)"
    case .escaped(let escape):
      return escape.description
    case .stalled(let holder, let after, let threads):
      let seconds = after.components.seconds
      return "the run made no progress for \(seconds) s of real time: \(holder) holds the"
        + " baton and has not come back to the runtime (it waits on something outside the"
        + " run, such as real I/O, a semaphore or a Dispatch call, or computes that long)"
        + (threads.isEmpty ? "" : "; other threads: " + threads.joined(separator: "; "))
    case .misuse(let message):
      return message
    }
  }
}
