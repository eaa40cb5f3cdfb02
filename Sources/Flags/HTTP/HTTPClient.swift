import ConcurrencyRuntime
import Foundation

/// A small HTTP/1.1 client with two faces over one parser: a blocking one for threads, which
/// sleep in the kernel while they wait, and an async one for tasks, which wait on the
/// runtime's ``EventLoop`` — the two ways the chapter waits for the network.
///
/// It does what the flag site needs and no more: `GET` and `HEAD` to `http://` URLs on numeric
/// IPv4 addresses or `localhost`; persistent connections, kept per host in a pool of at most
/// ``maxConnectionsPerHost`` (a request over the cap waits for a connection to come free);
/// `Content-Length`, chunked and read-to-close bodies; connect, read and total time-outs
/// (``HTTPTimeouts``). Any status is an answer (``HTTPClientResponse``); no answer at all is a
/// ``FlagNetworkError``: `connectionFailed` (refused, reset), `badResponse` (not HTTP, cut
/// short, longer than its `Content-Length`), `timedOut`, or `cancelled` for a cancelled task.
/// A kept-alive connection that the server closed while it sat idle is noticed before reuse,
/// or, if the server closes it just as the request goes out, the request is sent once more on
/// a fresh connection (both methods are idempotent); it is still one request to the caller.
///
/// The blocking face, on any thread — while it waits, the thread sleeps in `poll` and uses no
/// CPU:
///
///     let client = HTTPClient(maxConnectionsPerHost: 4)
///     let response = try client.get("http://127.0.0.1:8001/flags/cn/cn.gif")
///     print(response.status, response.body.count)
///     // 200 1247
///
/// The async face, in a task — on the live runtime's event loop, one thread waits on all the
/// sockets at once in `epoll_wait`:
///
///     let statuses = try Runtime.live().runAsync {
///       async let found = client.get("http://127.0.0.1:8001/flags/cn/cn.gif").status
///       async let missing = client.get("http://127.0.0.1:8001/flags/xx/xx.gif").status
///       return try await [found, missing]
///     }
///     print(statuses)
///     // [200, 404]
public final class HTTPClient: @unchecked Sendable {
  // `pools` is guarded by `lock`, hence @unchecked Sendable.

  /// The most connections open to one host at once.
  public let maxConnectionsPerHost: Int
  /// How long requests may take.
  public let timeouts: HTTPTimeouts
  private let lock = NSLock()
  private var pools: [String: ConnectionPool] = [:]

  /// A client with at most `maxConnectionsPerHost` connections per host (at least 1).
  public init(maxConnectionsPerHost: Int = 10, timeouts: HTTPTimeouts = HTTPTimeouts()) {
    self.maxConnectionsPerHost = max(maxConnectionsPerHost, 1)
    self.timeouts = timeouts
    // A thousand concurrent requests need a thousand descriptors.
    if maxConnectionsPerHost > 256 {
      FlagServer.raiseOpenFileLimit(to: UInt64(maxConnectionsPerHost) + 1024)
    }
  }

  deinit {
    for pool in pools.values { pool.close() }
  }

  /// GETs `url`, blocking the calling thread until the answer or the error.
  public func get(_ url: String) throws(FlagNetworkError) -> HTTPClientResponse {
    try send(.get, url)
  }

  /// GETs `url`, suspending the calling task until the answer or the error; cancelling the task
  /// ends the request with ``FlagNetworkError/cancelled``.
  public func get(_ url: String) async throws(FlagNetworkError) -> HTTPClientResponse {
    try await send(.get, url)
  }

  /// Sends a `method` request for `url` and blocks the calling thread until the answer.
  ///
  ///     let head = try client.send(.head, "http://127.0.0.1:8001/flags/cn/cn.gif")
  ///     print(head.status, head.headers["content-length"] ?? "", head.body.count)
  ///     // 200 1247 0
  public func send(_ method: HTTPMethod, _ url: String) throws(FlagNetworkError)
    -> HTTPClientResponse
  {
    let target = try HTTPTarget(url)
    let start = ContinuousClock.now
    let pool = pool(for: target)
    guard var lease = pool.acquire(until: start + timeouts.total) else {
      throw .timedOut(after: timeouts.total)
    }
    var retried = false
    while true {
      let (connection, reused) = try connection(for: lease, target, pool)
      var exchange = HTTPExchange(
        target.request(method), method: method, on: connection, reused: reused,
        timeouts: timeouts, start: start)
      var step = exchange.firstStep()
      while case .wait(let interest, let deadline) = step {
        guard SocketPoll.wait(connection.fd, interest, until: deadline) else {
          step = .finished(.failure(exchange.timedOut()))
          break
        }
        step = exchange.advance()
      }
      guard case .finished(let result) = step else { continue }
      if let response = try settle(result, of: exchange, on: connection, pool, retried: &retried) {
        return response
      }
      lease = .fresh
    }
  }

  /// Ends an exchange the same way for both faces: the answer (the connection back to the
  /// pool if it may be kept), nil to send once more on a fresh connection (a kept-alive one
  /// the server had dropped, the first time only), or the error.
  private func settle(
    _ result: Result<HTTPClientResponse, HTTPExchange.Failure>, of exchange: HTTPExchange,
    on connection: HTTPConnection, _ pool: ConnectionPool, retried: inout Bool
  ) throws(FlagNetworkError) -> HTTPClientResponse? {
    switch result {
    case .success(let response):
      pool.release(connection, reusable: exchange.keepAlive)
      return response
    case .failure(let failure) where failure.retryable && !retried:
      connection.close()
      retried = true
      return nil
    case .failure(let failure):
      pool.release(connection, reusable: false)
      throw failure.error
    }
  }

  /// Sends a `method` request for `url` and suspends the calling task until the answer.
  ///
  ///     let head = try await client.send(.head, "http://127.0.0.1:8001/flags/cn/cn.gif")
  ///     print(head.status)
  ///     // 200
  public func send(_ method: HTTPMethod, _ url: String) async throws(FlagNetworkError)
    -> HTTPClientResponse
  {
    if Task.isCancelled { throw .cancelled }
    let target = try HTTPTarget(url)
    let start = ContinuousClock.now
    let pool = pool(for: target)
    var lease: ConnectionPool.Lease
    switch await pool.lease(until: start + timeouts.total) {
    case .success(let granted): lease = granted
    case .failure(.cancelled): throw .cancelled
    case .failure: throw .timedOut(after: timeouts.total)
    }
    var retried = false
    while true {
      let (connection, reused) = try connection(for: lease, target, pool)
      var exchange = HTTPExchange(
        target.request(method), method: method, on: connection, reused: reused,
        timeouts: timeouts, start: start)
      var step = exchange.firstStep()
      while case .wait(let interest, let deadline) = step {
        switch await EventLoop.wait(for: connection.fd, interest, until: deadline) {
        case .ready:
          step = exchange.advance()
        case .timedOut:
          step = .finished(.failure(exchange.timedOut()))
        case .cancelled:
          step = .finished(.failure(HTTPExchange.Failure(error: .cancelled)))
        }
      }
      guard case .finished(let result) = step else { continue }
      if let response = try settle(result, of: exchange, on: connection, pool, retried: &retried) {
        return response
      }
      lease = .fresh
    }
  }

  /// The connection a lease stands for: the idle one, or a new one to `target`.
  private func connection(
    for lease: ConnectionPool.Lease, _ target: HTTPTarget, _ pool: ConnectionPool
  ) throws(FlagNetworkError) -> (HTTPConnection, reused: Bool) {
    switch lease {
    case .reuse(let connection):
      return (connection, true)
    case .fresh:
      switch HTTPConnection.open(target) {
      case .success(let connection):
        return (connection, false)
      case .failure(let error):
        pool.release(nil, reusable: false)
        throw error
      }
    }
  }

  /// The pool of `target`'s host, made on first use.
  private func pool(for target: HTTPTarget) -> ConnectionPool {
    lock.lock()
    defer { lock.unlock() }
    if let pool = pools[target.poolKey] { return pool }
    let pool = ConnectionPool(capacity: maxConnectionsPerHost)
    pools[target.poolKey] = pool
    return pool
  }
}
