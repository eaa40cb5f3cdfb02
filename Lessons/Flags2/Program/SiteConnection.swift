import ConcurrencyRuntime
import Flags

/// How a `flags2` run reaches its site: the network to use, the base URL, and the flag
/// server it started for itself, if any.
///
/// In virtual time the network is a ``MockFlagNetwork`` of the label's profile (REMOTE: an
/// unreachable host). Live it is HTTP, to `--url` if given, to the book's REMOTE site, or to
/// 127.0.0.1 on the label's port — and when nothing listens there, a ``FlagServer`` of that
/// profile is started in this process on a free port, so that nothing else need be running.
///
///     let connection = try SiteConnection.open(for: options, runtime: runtime)
///     defer { connection.close() }
///     print(connection.url)   // http://127.0.0.1:40211/flags (a server it started)
public struct SiteConnection: Sendable {
  /// The network requests go through.
  public var network: any FlagNetwork
  /// The base URL of the site.
  public var url: String
  /// The server started for this run, stopped by ``close()``.
  public var server: FlagServer?

  /// Picks or starts the site `options` ask for; `note` hears about a server it starts.
  public static func open(
    for options: Flags2Options, runtime: Runtime, note: (String) -> Void = { _ in }
  ) throws(FlagServerError) -> SiteConnection {
    let timeout = options.effectiveTimeout
    if options.runtime.isVirtual {
      let url = options.server.url
      let site: MockFlagNetwork.Site =
        options.server.profileLabel.map {
          .profile(ServerProfile($0, seed: options.runtime.seed ?? 0))
        }
        ?? .unreachable(host: host(of: url))
      let network = MockFlagNetwork(site, runtime: runtime, timeout: timeout)
      return SiteConnection(network: network, url: url, server: nil)
    }
    let network = HTTPFlagNetwork(maxConnections: options.concurrency, timeout: timeout)
    if let url = options.url { return SiteConnection(network: network, url: url, server: nil) }
    guard let label = options.server.profileLabel else {
      return SiteConnection(network: network, url: SiteLabel.remoteURL, server: nil)
    }
    if LoopbackProbe.isListening(port: label.defaultPort) {
      return SiteConnection(network: network, url: options.server.url, server: nil)
    }
    let server = FlagServer(profile: ServerProfile(label), port: 0)
    try server.start()
    note(startedNote(label, port: label.defaultPort, url: server.baseURL))
    return SiteConnection(network: network, url: server.baseURL, server: server)
  }

  /// The one line that says a server was started: `Nothing on port 8003: started an ERROR
  /// server at http://127.0.0.1:40211/flags` (under 80 columns).
  static func startedNote(_ label: ServerProfile.Label, port: UInt16, url: String) -> String {
    let article = label.rawValue.first.map { "AEIOU".contains($0) } == true ? "an" : "a"
    return "Nothing on port \(port): started \(article) \(label.rawValue) server at \(url)\n"
  }

  /// Stops the server this connection started, if any.
  public func close() { server?.stop() }

  /// The host part of `url` (`flupy.org` of `http://flupy.org/data/flags`).
  static func host(of url: String) -> String {
    let rest = url.range(of: "://").map { url[$0.upperBound...] } ?? url[...]
    let authority = rest.split(separator: "/", maxSplits: 1).first ?? rest
    return String(authority.split(separator: ":").first ?? authority)
  }
}
