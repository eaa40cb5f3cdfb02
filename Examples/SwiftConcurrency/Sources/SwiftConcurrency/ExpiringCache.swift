/// An actor cache whose entries expire: each `store` starts a timer (`Task {}` and
/// `Task.sleep`) that clears the entry `ttl` later.
///
/// With `checksGeneration: false` it has the bug this example plants: the timer clears the key
/// whatever the key holds by then, so a value stored again at the very instant an older
/// value's timer fires is lost when the timer runs second. Which of the two runs first is up
/// to the scheduler; ``SessionRefresher`` shows the race. With `checksGeneration: true` a
/// timer clears only the value that started it.
///
///     let cache = ExpiringCache(ttl: .seconds(2), log: { print($0) })
///     await cache.store("token-1", for: "session")
///     await cache.value(for: "session")   // "token-1", until two seconds from now
public actor ExpiringCache {
  private let ttl: Duration
  private let checksGeneration: Bool
  private let log: Log
  private var entries: [String: (value: String, generation: Int)] = [:]
  private var stores = 0

  /// A cache whose entries last `ttl`; `checksGeneration` fixes the race described above.
  public init(ttl: Duration, checksGeneration: Bool = false, log: @escaping Log) {
    self.ttl = ttl
    self.checksGeneration = checksGeneration
    self.log = log
  }

  /// Stores `value` for `key` and starts the timer that clears it `ttl` from now.
  public func store(_ value: String, for key: String) {
    stores += 1
    let generation = stores
    entries[key] = (value, generation)
    log("stored \(value)")
    let ttl = self.ttl
    // The timer's task runs on this actor (it uses `self`), so it clears the entry without
    // waiting in line behind other callers once its sleep is over.
    Task {
      try await Task.sleep(for: ttl)
      self.expire(key, generation: generation)
    }
  }

  /// The value stored for `key`, or nil once it has expired.
  public func value(for key: String) -> String? { entries[key]?.value }

  private func expire(_ key: String, generation: Int) {
    guard let entry = entries[key] else { return }
    if checksGeneration && entry.generation != generation { return }
    entries[key] = nil
    log("expired \(entry.value)")
  }
}
