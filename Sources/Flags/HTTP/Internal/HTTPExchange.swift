import ConcurrencyRuntime
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// One request and its response on one connection, as non-blocking steps: each call to
/// ``advance()`` sends and receives what it can without blocking and says what to wait for
/// next, or how the exchange ended.
///
/// The same steps serve both faces of ``HTTPClient``: the blocking face waits between them in
/// `poll`, the async face on its event loop. Nothing here waits.
struct HTTPExchange {
  /// What to do next.
  enum Step {
    /// Wait until the socket is ready for this, or the deadline.
    case wait(EventLoop.Interest, until: ContinuousClock.Instant)
    /// The exchange is over.
    case finished(Result<HTTPClientResponse, Failure>)
  }

  /// Why an exchange failed, and whether trying again on a fresh connection is safe.
  struct Failure: Error {
    var error: FlagNetworkError
    /// True when a reused connection turned out dead before any byte of the answer came:
    /// the server closed it while it sat idle, so the request never reached it.
    var retryable = false
  }

  private enum Phase { case connecting, sending, receiving }

  let connection: HTTPConnection
  private let request: [UInt8]
  private let timeouts: HTTPTimeouts
  private let reused: Bool
  private let connectDeadline: ContinuousClock.Instant
  private let totalDeadline: ContinuousClock.Instant
  private var phase: Phase
  private var sent = 0
  private var lastProgress: ContinuousClock.Instant
  private var waitingOnTotal = false
  private(set) var parser: HTTPResponseParser

  /// An exchange of `request` on `connection`, within `timeouts` of `start` (the start of the
  /// whole request, pool wait included). `reused` says whether the connection served before.
  init(
    _ request: [UInt8], method: HTTPMethod, on connection: HTTPConnection, reused: Bool,
    timeouts: HTTPTimeouts, start: ContinuousClock.Instant
  ) {
    self.connection = connection
    self.request = request
    self.timeouts = timeouts
    self.reused = reused
    let now = ContinuousClock.now
    connectDeadline = now + timeouts.connect
    totalDeadline = start + timeouts.total
    lastProgress = now
    phase = connection.isConnected ? .sending : .connecting
    parser = HTTPResponseParser(method: method)
  }

  /// Moves the exchange on as far as it goes without blocking.
  mutating func advance() -> Step {
    while true {
      switch phase {
      case .connecting:
        if let error = connection.connectError() {
          return .finished(.failure(Failure(error: error)))
        }
        phase = .sending
      case .sending:
        let result = request.withUnsafeBytes { bytes in
          send(
            connection.fd, bytes.baseAddress.map { $0 + sent }, bytes.count - sent,
            Int32(MSG_NOSIGNAL) | Int32(MSG_DONTWAIT))
        }
        if result >= 0 {
          sent += result
          lastProgress = .now
          if sent == request.count { phase = .receiving }
          continue
        }
        switch errno {
        case EINTR: continue
        case EAGAIN, EWOULDBLOCK: return wait(.writable, stage: lastProgress + timeouts.read)
        case let code: return .finished(.failure(lost(code)))
        }
      case .receiving:
        let count = recv(
          connection.fd, connection.scratch.baseAddress, connection.scratch.count,
          Int32(MSG_DONTWAIT))
        if count > 0 {
          lastProgress = .now
          switch parser.receive(UnsafeRawBufferPointer(rebasing: connection.scratch[0..<count])) {
          case .needMore: continue
          case .complete: return .finished(finish())
          case .invalid(let reason):
            return .finished(.failure(Failure(error: .badResponse(reason))))
          }
        }
        if count == 0 {
          if parser.bytesReceived == 0 {
            return .finished(
              .failure(
                Failure(
                  error: .connectionFailed("the server closed the connection without answering"),
                  retryable: reused)))
          }
          switch parser.finish() {
          case .complete: return .finished(finish())
          case .invalid(let reason):
            return .finished(.failure(Failure(error: .badResponse(reason))))
          case .needMore:
            return .finished(.failure(Failure(error: .badResponse("the response was cut short"))))
          }
        }
        switch errno {
        case EINTR: continue
        case EAGAIN, EWOULDBLOCK: return wait(.readable, stage: lastProgress + timeouts.read)
        case let code: return .finished(.failure(lost(code)))
        }
      }
    }
  }

  /// The failure when a wait's deadline passed: the limit that ran out.
  func timedOut() -> Failure {
    if waitingOnTotal { return Failure(error: .timedOut(after: timeouts.total)) }
    return Failure(error: .timedOut(after: phase == .connecting ? timeouts.connect : timeouts.read))
  }

  /// Whether the connection may carry another request.
  var keepAlive: Bool { parser.keepAlive && parser.leftover == 0 }

  /// A wait for `interest` until the stage's deadline or the total one, whichever is first.
  private mutating func wait(_ interest: EventLoop.Interest, stage: ContinuousClock.Instant)
    -> Step
  {
    let stageDeadline = phase == .connecting ? connectDeadline : stage
    waitingOnTotal = totalDeadline <= stageDeadline
    return .wait(interest, until: waitingOnTotal ? totalDeadline : stageDeadline)
  }

  /// The connecting phase's wait, which ``HTTPClient`` asks for before the first advance.
  mutating func firstStep() -> Step {
    phase == .connecting ? wait(.writable, stage: connectDeadline) : advance()
  }

  /// The response, unless the server sent more than it said it would.
  private func finish() -> Result<HTTPClientResponse, Failure> {
    guard parser.leftover == 0 else {
      return .failure(
        Failure(
          error: .badResponse(
            "\(parser.leftover) bytes more than the response said (a wrong Content-Length?)")))
    }
    return .success(
      HTTPClientResponse(
        status: parser.status, reason: parser.reason, headers: parser.headers,
        body: Data(parser.body)))
  }

  /// A connection that failed with `code` while sending or receiving.
  private func lost(_ code: Int32) -> Failure {
    let nothingBack = parser.bytesReceived == 0
    let retryable = reused && nothingBack && (code == EPIPE || code == ECONNRESET)
    if !nothingBack, code == ECONNRESET {
      return Failure(error: .badResponse("the connection was reset in the middle of the response"))
    }
    return Failure(error: .connectionFailed(SocketIO.describe(code)), retryable: retryable)
  }
}
