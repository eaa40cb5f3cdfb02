import ConcurrencyRuntime
import Foundation

/// The flag site without sockets: answers computed in memory and delivered on the runtime's
/// clock, for the virtual runtime (and for fast, repeatable live runs).
///
/// A site is either a ``ServerProfile`` — the same ``ServerProfile/plan(for:)`` as the real
/// server decides each request's delay and failure, so a mock run and a server run with the
/// same seed agree — or ``Site/unreachable``, the book's vanished REMOTE site, where every
/// request fails with a connection error after a failed name lookup.
///
/// Each request also takes a small round trip (1–5 ms, fixed per URL and seed), so that even
/// a LOCAL download spends some virtual time. A request whose delay exceeds the time-out
/// waits for the time-out and throws ``FlagNetworkError/timedOut(after:)``.
///
///     let runtime = Runtime.virtual()
///     let network = MockFlagNetwork(.profile(ServerProfile(.local)), runtime: runtime)
///     try runtime.run {
///       let response = try network.get("http://127.0.0.1:8001/flags/cn/cn.gif")
///       print(response.status, runtime.now)
///     }
///     // 200 0.003 seconds
public struct MockFlagNetwork: FlagNetwork {
  /// What answers the mock's requests.
  public enum Site: Equatable, Sendable {
    /// A flag server with this behaviour (LOCAL, DELAY or ERROR).
    case profile(ServerProfile)
    /// No server at all: every request fails as an unresolvable host does.
    case unreachable(host: String)
  }

  /// What answers.
  public let site: Site
  /// The runtime whose clock the requests wait on.
  public let runtime: Runtime
  /// How long a request may take before it fails with a time-out.
  public let timeout: Duration

  /// How long a failed name lookup takes, as measured against the book's REMOTE site here.
  public static let lookupFailure = Duration.milliseconds(20)

  /// A mock of `site` on `runtime`'s clock, failing requests that would take over `timeout`.
  public init(_ site: Site, runtime: Runtime = .current, timeout: Duration = .seconds(10)) {
    self.site = site
    self.runtime = runtime
    self.timeout = timeout
  }

  /// What a request for `url` will do: how long it takes and how it ends.
  public func outcome(for url: String) -> (
    wait: Duration, result: Result<FlagResponse, FlagNetworkError>
  ) {
    let profile: ServerProfile
    switch site {
    case .unreachable(let host):
      return (Self.lookupFailure, .failure(.connectionFailed("Could not resolve host: \(host)")))
    case .profile(let chosen):
      profile = chosen
    }
    let plan = profile.plan(for: url)
    let wait = plan.delay + roundTrip(url, seed: profile.seed)
    if wait > timeout { return (timeout, .failure(.timedOut(after: timeout))) }
    if plan.fails { return (wait, .success(Self.error(500))) }
    return (wait, .success(Self.content(for: url)))
  }

  public func get(_ url: String) throws(FlagNetworkError) -> FlagResponse {
    let (wait, result) = outcome(for: url)
    runtime.sleep(for: wait)
    return try result.get()
  }

  public func get(_ url: String) async throws(FlagNetworkError) -> FlagResponse {
    let (wait, result) = outcome(for: url)
    do {
      try await runtime.clock.sleep(for: wait)
    } catch {
      throw .cancelled
    }
    return try result.get()
  }

  /// The answer the flag site gives for `url`, routed exactly as the server routes it.
  static func content(for url: String) -> FlagResponse {
    switch FlagRoute(target: Self.target(of: url)) {
    case .gif(let code): FlagResponse(status: 200, body: FlagImage.gif(for: code))
    case .metadata(let code):
      FlagImage.metadata(for: code).map { FlagResponse(status: 200, body: $0) } ?? error(404)
    case .notFound: error(404)
    case .badRequest: error(400)
    }
  }

  /// The request target of `url`: its path and query, without scheme and host.
  static func target(of url: String) -> String {
    guard let scheme = url.range(of: "://") else { return url }
    let rest = url[scheme.upperBound...]
    return rest.firstIndex(of: "/").map { String(rest[$0...]) } ?? "/"
  }

  /// A plain-text error page, as the server sends one.
  static func error(_ status: Int) -> FlagResponse {
    let reason = FlagResponse.reasonPhrase(for: status)
    return FlagResponse(status: status, body: Data("\(status) \(reason)\n".utf8))
  }

  /// A round trip of 1–5 ms, fixed by the URL's path and the seed.
  private func roundTrip(_ url: String, seed: UInt64) -> Duration {
    let key = ServerProfile.planKey(url)
    var rng = SplitMix64(seed: SplitMix64.fnv1a(key.utf8) &+ seed &+ 0x5EED)
    return .microseconds(1000 + Int64(rng.next(below: 4001)))
  }
}
