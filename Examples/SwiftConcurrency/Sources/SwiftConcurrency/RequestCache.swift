/// An actor cache that shares in-flight fetches: concurrent requests for one key wait on the
/// one `Task` that fetches it, and a fetch that takes longer than `timeout` fails every one
/// of its requests (and is not cached, so a later request tries again).
///
///     let cache = RequestCache(timeout: .seconds(2), log: { print($0) }) { key in
///       try await Task.sleep(for: .seconds(1))
///       return key.uppercased()
///     }
///     async let a = cache.value(for: "ada")
///     async let b = cache.value(for: "ada")
///     _ = try await (a, b)
///     // ada: fetching
///     // ada: joining the fetch in flight
///     // ada: fetched
public actor RequestCache<Value: Sendable> {
  private let timeout: Duration
  private let log: Log
  private let fetch: @Sendable (String) async throws -> Value
  private var values: [String: Value] = [:]
  private var inFlight: [String: Task<Value, any Error>] = [:]

  /// A cache that fetches a missing key with `fetch`, giving it `timeout`.
  public init(
    timeout: Duration, log: @escaping Log,
    fetch: @escaping @Sendable (String) async throws -> Value
  ) {
    self.timeout = timeout
    self.log = log
    self.fetch = fetch
  }

  /// The value of `key`: cached, or the result of the fetch already running for it, or of a
  /// new fetch; throws ``TimeoutError`` when that fetch ran out of time.
  public func value(for key: String) async throws -> Value {
    if let value = values[key] {
      log("\(key): cached")
      return value
    }
    if let task = inFlight[key] {
      log("\(key): joining the fetch in flight")
      return try await task.value
    }
    log("\(key): fetching")
    let (fetch, timeout) = (self.fetch, self.timeout)
    let task = Task { try await withTimeout(timeout) { try await fetch(key) } }
    inFlight[key] = task
    do {
      let value = try await task.value
      inFlight[key] = nil
      values[key] = value
      log("\(key): fetched")
      return value
    } catch {
      inFlight[key] = nil
      log("\(key): \(error)")
      throw error
    }
  }
}
