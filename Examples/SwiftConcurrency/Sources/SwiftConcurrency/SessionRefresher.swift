/// A session token kept in an ``ExpiringCache`` and refreshed just in time: the first token
/// lasts two seconds, and the refresh, started at once, takes two seconds to fetch the next
/// one, so the old token's expiry and the new token's store fall due at the same instant.
/// A reader asks for the token a second later.
///
/// Whether the reader finds it depends on which of the two jobs due together runs first:
/// the expiry first (the canonical order) and the new token survives; the store first and
/// the old token's timer, which does not check what it clears, throws the new one away.
///
///     let token = await SessionRefresher(log: { print($0) }).run()
///     // stored token-1
///     // refreshing
///     // expired token-1
///     // stored token-2
///     // reader: token-2
public struct SessionRefresher: Sendable {
  /// Whether the cache's timers check what they clear (the fix).
  public var checksGeneration: Bool
  /// Where the lines go.
  public var log: Log

  /// A refresher on a cache with the planted race (`checksGeneration: false`) or without.
  public init(checksGeneration: Bool = false, log: @escaping Log) {
    self.checksGeneration = checksGeneration
    self.log = log
  }

  /// Stores a token, refreshes it in a `Task {}`, reads it a second after the refresh is due,
  /// and returns what the reader saw (nil: the token was lost).
  @discardableResult
  public func run() async -> String? {
    let log = self.log
    let cache = ExpiringCache(ttl: .seconds(2), checksGeneration: checksGeneration, log: log)
    await cache.store("token-1", for: "session")
    let refresh = Task {
      log("refreshing")
      try await Task.sleep(for: .seconds(2))
      await cache.store("token-2", for: "session")
    }
    try? await Task.sleep(for: .seconds(3))
    let token = await cache.value(for: "session")
    log("reader: \(token ?? "no token")")
    _ = await refresh.result
    return token
  }
}
