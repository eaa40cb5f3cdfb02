/// Loads a profile page with `async let`: the profile, the friends and the recommendations
/// are fetched at once, and the recommendations, the slow part, get a time-out.
///
/// When the time-out wins, the recommendations are cancelled: their fetch stops at its next
/// page (`Task.checkCancellation()` after each one), logs what was cancelled, and the page is
/// shown without them.
///
///     let page = try await ProfileLoader(log: { print($0) }).load(user: "ada")
///     // ada: profile loaded
///     // ada: 3 friends loaded
///     // ada: recommendations page 1 of 5
///     // …
///     // ada: recommendations cancelled after 3 of 5 pages
///     // ada: recommendations timed out after 3 s, showing the page without them
public struct ProfileLoader: Sendable {
  /// How long the recommendations may take.
  public var timeout: Duration
  /// How many pages of recommendations there are; each takes a second.
  public var recommendationPages: Int
  /// Where the progress lines go.
  public var log: Log

  /// A loader that gives the recommendations `timeout` to fetch `recommendationPages` pages
  /// of a second each.
  public init(timeout: Duration = .seconds(3), recommendationPages: Int = 5, log: @escaping Log) {
    self.timeout = timeout
    self.recommendationPages = recommendationPages
    self.log = log
  }

  /// Fetches the three parts concurrently and returns the page; recommendations are nil when
  /// they ran out of time.
  public func load(user: String) async throws -> ProfilePage {
    let (log, pages, timeout) = (self.log, recommendationPages, self.timeout)
    async let profile = fetchProfile(user)
    async let friends = fetchFriends(user)
    async let recommendations = withTimeout(timeout) {
      try await Self.fetchRecommendations(user, pages: pages, log: log)
    }
    let shown: [String]?
    do {
      shown = try await recommendations
    } catch let error as TimeoutError {
      log("\(user): recommendations \(error), showing the page without them")
      shown = nil
    }
    let page = ProfilePage(
      name: try await profile, friends: try await friends, recommendations: shown)
    log("\(user): page shown with \(page.friends.count) friends")
    return page
  }

  private func fetchProfile(_ user: String) async throws -> String {
    try await Task.sleep(for: .seconds(1))
    log("\(user): profile loaded")
    return user.prefix(1).uppercased() + user.dropFirst()
  }

  private func fetchFriends(_ user: String) async throws -> [String] {
    try await Task.sleep(for: .seconds(2))
    let friends = ["grace", "alan", "edsger"]
    log("\(user): \(friends.count) friends loaded")
    return friends
  }

  private static func fetchRecommendations(_ user: String, pages: Int, log: Log) async throws
    -> [String]
  {
    var found: [String] = []
    do {
      for page in 1...pages {
        try await Task.sleep(for: .seconds(1))
        // The sleep may have ended at the very instant the time-out cancelled us: check
        // before using the page, so cancelled work never shows a result.
        try Task.checkCancellation()
        found.append("book \(page)")
        log("\(user): recommendations page \(page) of \(pages)")
      }
    } catch is CancellationError {
      log("\(user): recommendations cancelled after \(found.count) of \(pages) pages")
      throw CancellationError()
    }
    log("\(user): recommendations done (\(found.count) pages)")
    return found
  }
}

/// What ``ProfileLoader`` shows: a name, friends, and recommendations when they came in time.
///
///     page.recommendations == nil   // true when they timed out
public struct ProfilePage: Sendable, Equatable {
  /// The user's display name.
  public var name: String
  /// The user's friends.
  public var friends: [String]
  /// The recommendations, or nil when they did not arrive in time.
  public var recommendations: [String]?
}
