import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// One client connection of a ``FlagServer``, served on its own thread until it closes.
///
/// Reads request heads, discards any request body, waits and fails as the profile's plan
/// says, answers, and loops while the connection is kept alive. Any malformed request is
/// answered with its error status and the connection is closed; other connections are
/// not affected.
struct FlagConnection {
  /// The server, for its profile, log and interruptible sleep.
  let server: FlagServer
  /// The connected socket; the server closes it after ``run()`` returns.
  let fd: Int32
  /// The client's address, for the log.
  let peer: String

  /// Serves requests until the client closes, runs out of time, errs or the server stops.
  ///
  /// Three total deadlines (see ``FlagServer``) bound how long a client can hold this
  /// thread, however it trickles bytes: waiting for a request to begin (then the
  /// connection is closed without a word), receiving all of it from its first byte (then
  /// `408 Request Timeout` and close), and writing each response (then close).
  func run() {
    var buffer: [UInt8] = []
    // Between requests the next one has rarely arrived yet, so the thread waits for it in
    // `recv`, whose time-out is the idle time-out: every idle wait starts just after
    // `idleUntil` is set, so the two end together.
    let waitsInRecv = SocketIO.setReceiveTimeout(fd, server.idleTimeout)
    var idleUntil = ContinuousClock.now + server.idleTimeout
    while true {
      if buffer.isEmpty {
        let read =
          waitsInRecv
          ? SocketIO.readBlocking(fd, into: &buffer, until: idleUntil)
          : SocketIO.read(fd, into: &buffer, until: idleUntil, waitingFirst: true)
        guard read == .data else { return }
      }
      let firstByte = ContinuousClock.now
      let deadline = firstByte + server.requestTimeout
      var framing = HTTPRequestHead.frame(buffer)
      while framing == .incomplete {
        switch SocketIO.read(fd, into: &buffer, until: deadline) {
        case .data:
          framing = HTTPRequestHead.frame(buffer)
        case .timedOut:
          refuse(408, line: Self.logLine(buffer[...]), started: firstByte)
          return
        case .closed, .failed:
          return
        }
      }
      let started = ContinuousClock.now
      guard case .complete(let start, let end) = framing else {
        if case .tooLarge(let status) = framing {
          refuse(status, line: Self.logLine(buffer[...]), started: started)
        }
        return
      }
      let headBytes = buffer[start..<end]
      // Only the log shows the request line.
      let line = server.verbose ? Self.logLine(headBytes) : ""
      let parsed = HTTPRequestHead.parse(headBytes)
      buffer.removeSubrange(0..<end)
      guard case .request(let request) = parsed else {
        if case .failure(let status) = parsed { refuse(status, line: line, started: started) }
        return
      }
      while buffer.count < request.contentLength {
        switch SocketIO.read(fd, into: &buffer, until: deadline) {
        case .data:
          continue
        case .timedOut:
          refuse(408, line: line, started: firstByte)
          return
        case .closed, .failed:
          return
        }
      }
      buffer.removeSubrange(0..<request.contentLength)

      let route = FlagRoute(target: request.target)
      var keepAlive = request.keepAlive
      let response: HTTPResponse
      if route == .badRequest {
        response = .error(400)
        keepAlive = false
      } else {
        let plan: ResponsePlan
        if server.profile.answersAtOnce {
          plan = .immediate
        } else {
          let key = FlagRoute.decodedPath(request.target).map {
            String(decoding: $0, as: UTF8.self)
          }
          plan = server.profile.plan(for: key ?? request.target)
        }
        if plan.delay > .zero, !server.pause(for: plan.delay) { return }
        response = plan.fails ? .error(500) : Self.content(for: route)
      }
      let sent = respond(
        response, keepAlive: keepAlive, head: request.method == "HEAD", line: line,
        started: started)
      guard sent else { return }
      guard keepAlive else {
        lingeringClose()
        return
      }
      idleUntil = ContinuousClock.now + server.idleTimeout
    }
  }

  /// Answers an error `status` with `Connection: close`, then closes the connection.
  private func refuse(_ status: Int, line: String, started: ContinuousClock.Instant) {
    let sent = respond(.error(status), keepAlive: false, head: false, line: line, started: started)
    if sent { lingeringClose() }
  }

  /// Half-closes, then reads and drops what the client still sends, so that closing does
  /// not reset the connection and destroy the response before the client has read it.
  ///
  /// Stops after a quarter second of silence, 1 MiB, or ``lingerLimit`` in all, whichever
  /// comes first, so a client that keeps sending cannot keep the thread this way either.
  private func lingeringClose() {
    shutdown(fd, Int32(SHUT_WR))
    let end = ContinuousClock.now + Self.lingerLimit
    var drained: [UInt8] = []
    var total = 0
    while total < 1 << 20 {
      let quiet = min(ContinuousClock.now + .milliseconds(250), end)
      guard SocketIO.read(fd, into: &drained, until: quiet) == .data else { return }
      total += drained.count
      drained.removeAll(keepingCapacity: true)
    }
  }

  /// The longest a closing connection drains what its client still sends.
  ///
  /// Two seconds, as Apache's lingering close allows.
  static let lingerLimit = Duration.seconds(2)

  /// The 200 response for a flag file, or 404.
  static func content(for route: FlagRoute) -> HTTPResponse {
    switch route {
    case .gif(let code):
      return HTTPResponse(status: 200, contentType: "image/gif", body: FlagImage.gif(for: code))
    case .metadata(let code):
      guard let json = FlagImage.metadata(for: code) else { return .error(404) }
      return HTTPResponse(status: 200, contentType: "application/json", body: json)
    case .notFound, .badRequest:
      return .error(route == .notFound ? 404 : 400)
    }
  }

  /// Writes a response and logs it; `false` if the client is gone.
  private func respond(
    _ response: HTTPResponse, keepAlive: Bool, head: Bool, line: String,
    started: ContinuousClock.Instant
  ) -> Bool {
    // The head and the body go out in one call, without copying the body behind the head.
    let sent = SocketIO.writeAll(
      fd, response.head(keepAlive: keepAlive), head ? Data() : response.body,
      until: .now + server.writeTimeout)
    if server.verbose {
      let elapsed = ContinuousClock.now - started
      let (seconds, attoseconds) = elapsed.components
      let time = String(format: "%.2f", Double(seconds) + Double(attoseconds) / 1e18)
      let bytes = head ? 0 : response.body.count
      server.log("\(peer) \"\(line)\" \(response.status) \(bytes) \(time)s")
    }
    return sent
  }

  /// The request line as it may be logged: first line only, at most 100 characters,
  /// with quotes, backslashes and unprintable bytes escaped.
  static func logLine(_ bytes: ArraySlice<UInt8>) -> String {
    var start = bytes.startIndex
    while start < bytes.endIndex, bytes[start] == 13 || bytes[start] == 10 { start += 1 }
    let rest = bytes[start...]
    let end = rest.firstIndex(where: { $0 == 13 || $0 == 10 }) ?? rest.endIndex
    var text = ""
    for byte in rest[..<end].prefix(100) {
      switch byte {
      case UInt8(ascii: "\""), UInt8(ascii: "\\"): text += "\\" + String(UnicodeScalar(byte))
      case 0x20..<0x7F: text.unicodeScalars.append(UnicodeScalar(byte))
      default: text += "\\x" + (byte < 16 ? "0" : "") + String(byte, radix: 16)
      }
    }
    return end - start > 100 ? text + "..." : text
  }
}
