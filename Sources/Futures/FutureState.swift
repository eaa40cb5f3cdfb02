/// Where a future is in its life.
public enum FutureState: String, Sendable, Equatable {
  /// Waiting for an executor to start it.
  case pending
  /// Being computed.
  case running
  /// Cancelled before it started.
  case cancelled
  /// Done: it returned a value or threw an error.
  case finished
}
