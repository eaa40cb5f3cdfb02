/// A pretend user directory behind a ``RequestCache``: looking a user up takes a second, and
/// users whose name starts with `slow` take ten; it counts every real lookup.
///
///     let directory = UserDirectory(log: { print($0) })
///     try await directory.lookUpAll(["ada", "ada", "slowpoke"])
///     // ada: fetching
///     // ada: joining the fetch in flight
///     // …
public struct UserDirectory: Sendable {
  /// How long a lookup may take before the cache gives up.
  public var timeout: Duration
  /// Where the lines go.
  public var log: Log

  /// A directory whose cache gives each lookup `timeout`.
  public init(timeout: Duration = .seconds(3), log: @escaping Log) {
    self.timeout = timeout
    self.log = log
  }

  /// Looks up every name at once (a task group, one child per name), then every name again
  /// one after another, and logs what each request got; returns how many real lookups ran.
  @discardableResult
  public func lookUpAll(_ names: [String]) async -> Int {
    let log = self.log
    let lookups = LookupCounter()
    let cache = RequestCache<String>(timeout: timeout, log: log) { name in
      await lookups.increment()
      try await Task.sleep(for: .seconds(name.hasPrefix("slow") ? 10 : 1))
      return "user \(name.prefix(1).uppercased() + name.dropFirst())"
    }
    await withTaskGroup(of: Void.self) { group in
      for (index, name) in names.enumerated() {
        group.addTask { await Self.request(name, number: index, from: cache, log: log) }
      }
    }
    log("again, one by one:")
    for (index, name) in Set(names).sorted().enumerated() {
      await Self.request(name, number: names.count + index, from: cache, log: log)
    }
    let count = await lookups.count
    log("\(count) lookups for \(names.count + Set(names).count) requests")
    return count
  }

  private static func request(
    _ name: String, number: Int, from cache: RequestCache<String>, log: Log
  ) async {
    do {
      let value = try await cache.value(for: name)
      log("request \(number) (\(name)) got \(value)")
    } catch {
      log("request \(number) (\(name)) failed: \(error)")
    }
  }
}

/// How many lookups really ran.
private actor LookupCounter {
  private(set) var count = 0
  func increment() { count += 1 }
}
