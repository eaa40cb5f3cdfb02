import Foundation

/// Real HTTP for live runs against a flag server, on the project's own ``HTTPClient``.
///
/// The sequential and thread-pool programs call the blocking ``get(_:)-(String)``: the
/// calling thread sleeps in `poll` until the answer, as with `requests`. The async program
/// calls the `async` overload: the task waits on the runtime's event loop, and one thread
/// waits for all the downloads at once, as with `aiohttp`. Connections are kept alive and
/// reused, at most `maxConnections` at once (the run's `-m`), and every request has a
/// time-out, so a server that never answers becomes an error, not a hang. The answer's reason
/// phrase is the standard one for its status (``FlagResponse/reasonPhrase(for:)``), so the
/// book's `HTTP error 500 - Internal Server Error` reads the same whatever the server says.
///
///     let network = HTTPFlagNetwork(maxConnections: 30, timeout: .seconds(5))
///     let response = try network.get("http://127.0.0.1:8001/flags/cn/cn.gif")
///     print(response.status, response.body.count)
///     // 200 1247
public final class HTTPFlagNetwork: FlagNetwork {
  /// The most connections open to one host at once.
  public let maxConnections: Int
  /// How long a request may take, connecting included (each of the client's time-outs).
  public let timeout: Duration
  /// The client underneath.
  public let client: HTTPClient

  /// A network with up to `maxConnections` connections per host and `timeout` per request.
  public init(maxConnections: Int, timeout: Duration = .seconds(10)) {
    self.maxConnections = max(maxConnections, 1)
    self.timeout = timeout
    client = HTTPClient(maxConnectionsPerHost: self.maxConnections, timeouts: .all(timeout))
  }

  /// Fetches `url`, the calling thread asleep in `poll` until the answer or the error.
  public func get(_ url: String) throws(FlagNetworkError) -> FlagResponse {
    let response = try client.get(url)
    return FlagResponse(status: response.status, body: response.body)
  }

  /// Fetches `url`, the calling task suspended on the event loop until the answer or the error.
  public func get(_ url: String) async throws(FlagNetworkError) -> FlagResponse {
    let response = try await client.get(url)
    return FlagResponse(status: response.status, body: response.body)
  }
}
