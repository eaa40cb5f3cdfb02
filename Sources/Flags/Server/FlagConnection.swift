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

  /// Serves requests until the client closes, times out, errs or the server stops.
  func run() {
    let (seconds, attoseconds) = server.idleTimeout.components
    let idle = Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000)
    SocketIO.setTimeout(fd, option: SO_RCVTIMEO, milliseconds: max(idle, 1))
    SocketIO.setTimeout(fd, option: SO_SNDTIMEO, milliseconds: 10_000)
    var buffer: [UInt8] = []
    while true {
      var framing = HTTPRequestHead.frame(buffer)
      while framing == .incomplete {
        guard SocketIO.read(fd, into: &buffer) == .data else { return }
        framing = HTTPRequestHead.frame(buffer)
      }
      let started = ContinuousClock.now
      guard case .complete(let start, let end) = framing else {
        if case .tooLarge(let status) = framing {
          _ = respond(
            .error(status), keepAlive: false, head: false,
            line: Self.logLine(buffer[...]), started: started)
          lingeringClose()
        }
        return
      }
      let headBytes = buffer[start..<end]
      let line = Self.logLine(headBytes)
      let parsed = HTTPRequestHead.parse(headBytes)
      buffer.removeSubrange(0..<end)
      guard case .request(let request) = parsed else {
        if case .failure(let status) = parsed {
          _ = respond(.error(status), keepAlive: false, head: false, line: line, started: started)
          lingeringClose()
        }
        return
      }
      while buffer.count < request.contentLength {
        guard SocketIO.read(fd, into: &buffer) == .data else { return }
      }
      buffer.removeSubrange(0..<request.contentLength)

      let route = FlagRoute(target: request.target)
      var keepAlive = request.keepAlive
      let response: HTTPResponse
      if route == .badRequest {
        response = .error(400)
        keepAlive = false
      } else {
        let key = FlagRoute.decodedPath(request.target).map { String(decoding: $0, as: UTF8.self) }
        let plan = server.profile.plan(for: key ?? request.target)
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
    }
  }

  /// Half-closes, then reads and drops what the client still sends (up to 1 MiB or a
  /// quarter second of silence), so that closing does not reset the connection and
  /// destroy the response before the client has read it.
  private func lingeringClose() {
    shutdown(fd, Int32(SHUT_WR))
    SocketIO.setTimeout(fd, option: SO_RCVTIMEO, milliseconds: 250)
    var drained: [UInt8] = []
    var total = 0
    while total < 1 << 20, SocketIO.read(fd, into: &drained) == .data {
      total += drained.count
      drained.removeAll(keepingCapacity: true)
    }
  }

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
    let sent = SocketIO.writeAll(fd, response.serialized(keepAlive: keepAlive, head: head))
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
