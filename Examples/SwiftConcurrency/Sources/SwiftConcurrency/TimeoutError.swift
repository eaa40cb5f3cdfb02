/// The error of work that ran out of time: what `withTimeout(_:_:)` throws when its time-out
/// wins the race.
///
///     do { try await withTimeout(.seconds(1)) { try await slowWork() } }
///     catch let error as TimeoutError { print(error) }   // timed out after 1 s
public struct TimeoutError: Error, Equatable, CustomStringConvertible {
  /// How long the work was given.
  public var limit: Duration

  /// The error of work cut off after `limit`.
  public init(limit: Duration) { self.limit = limit }

  /// `timed out after 3 s`, or in milliseconds below a second.
  public var description: String {
    let (seconds, attoseconds) = limit.components
    if attoseconds == 0 { return "timed out after \(seconds) s" }
    return "timed out after \(seconds * 1_000 + attoseconds / 1_000_000_000_000_000) ms"
  }
}

/// Runs `operation`, racing it against a sleep of `limit` in a task group: whichever ends
/// first wins, and the loser is cancelled. Throws ``TimeoutError`` when the time runs out.
///
///     let page = try await withTimeout(.seconds(3)) { try await fetchPage() }
public func withTimeout<Value: Sendable>(
  _ limit: Duration, _ operation: @escaping @Sendable () async throws -> Value
) async throws -> Value {
  try await withThrowingTaskGroup(of: Value.self) { group in
    group.addTask { try await operation() }
    group.addTask {
      try await Task.sleep(for: limit)
      throw TimeoutError(limit: limit)
    }
    defer { group.cancelAll() }
    // Both children are running, so the group has a first result (or error) to give.
    return try await group.next()!
  }
}
