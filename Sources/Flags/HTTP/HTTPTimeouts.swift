/// How long ``HTTPClient`` waits: to connect, for each read, and for the whole request.
///
/// `connect` bounds the TCP handshake; `read` bounds each silence while the request is sent
/// and the response comes in (it restarts whenever a byte moves, as `requests`' read time-out
/// does); `total` bounds everything from the start of the request, waiting for a pooled
/// connection included, so a server that trickles one byte at a time still runs out of time.
/// Whichever passes first ends the request with ``FlagNetworkError/timedOut(after:)``, naming
/// that limit.
///
///     let timeouts = HTTPTimeouts(connect: .seconds(1), read: .seconds(5), total: .seconds(10))
///     print(HTTPTimeouts.all(.seconds(3)).read)
///     // 3.0 seconds
public struct HTTPTimeouts: Sendable, Equatable {
  /// The longest a connection may take to open.
  public var connect: Duration
  /// The longest the connection may stay silent while a request or response is under way.
  public var read: Duration
  /// The longest a whole request may take.
  public var total: Duration

  /// Time-outs of `connect`, `read` and `total` (by default 5, 10 and 30 seconds).
  public init(
    connect: Duration = .seconds(5), read: Duration = .seconds(10), total: Duration = .seconds(30)
  ) {
    self.connect = connect
    self.read = read
    self.total = total
  }

  /// Every limit `duration`: what `flags2 --timeout S` means.
  public static func all(_ duration: Duration) -> HTTPTimeouts {
    HTTPTimeouts(connect: duration, read: duration, total: duration)
  }
}
