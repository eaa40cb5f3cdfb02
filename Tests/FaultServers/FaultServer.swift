import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// A tiny HTTP server on a free loopback port that misbehaves on purpose, for testing how the
/// flag client copes: it answers each request with whatever bytes the test says, then keeps the
/// connection, closes it, resets it, or trickles the bytes one at a time.
///
/// One thread accepts; each connection gets a thread that reads a request head, asks the
/// test's `plan` what to do with it, does it, and reads the next request while the plan keeps
/// the connection open. Every socket call is bounded (a 10-second receive time-out, a capped
/// trickle), so a test can never hang on it, and ``stop()`` ends every thread.
///
///     let server = try FaultServer { request in
///       request.path == "/garbage" ? .send(Array("SSH-2.0-hello\r\n".utf8), then: .close)
///         : .send(FaultServer.ok("hello"), then: .keepOpen)
///     }
///     defer { server.stop() }
///     // GET \(server.baseURL)/garbage fails; any other path answers "hello"
public final class FaultServer: @unchecked Sendable {
  // Mutable state is guarded by `lock`, hence @unchecked Sendable.

  /// A request as the fault server saw it.
  public struct Request: Sendable {
    /// The request target, e.g. `/flags/cn/cn.gif`.
    public var path: String
    /// The method, e.g. `GET`.
    public var method: String
    /// Which connection it came on, from 0 in the order they were accepted.
    public var connection: Int
    /// Which request it is on that connection, from 0.
    public var indexOnConnection: Int
  }

  /// What to do after sending an answer.
  public enum After: Sendable {
    /// Wait for the next request on the same connection.
    case keepOpen
    /// Close the connection.
    case close
    /// Close the connection with a reset (RST) instead of an orderly close.
    case reset
    /// Say nothing more and keep the connection open until the server stops.
    case hang
  }

  /// What to do with a request.
  public enum Plan: Sendable {
    /// Send `bytes` at once, then do `then`.
    case send([UInt8], then: After)
    /// Send `bytes` one byte at a time, `every` apart (at most 200 bytes), then close.
    case trickle([UInt8], every: Duration)
  }

  /// The port listened on.
  public let port: UInt16
  private let listener: Int32
  private let plan: @Sendable (Request) -> Plan
  private let lock = NSCondition()
  private var stopping = false
  private var connections: [Int32] = []
  private var threads = 0
  private var accepted = 0
  private var requests = 0

  /// Starts listening on a free port; `plan` decides each request's fate (called on the
  /// connection's thread).
  public init(_ plan: @escaping @Sendable (Request) -> Plan) throws {
    self.plan = plan
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
    guard fd >= 0 else { throw FaultServerError("socket failed") }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) { pointer in
      pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { raw in
        bind(fd, raw, length) == 0 && listen(fd, 128) == 0 && getsockname(fd, raw, &length) == 0
      }
    }
    guard bound else {
      close(fd)
      throw FaultServerError("bind or listen failed")
    }
    listener = fd
    port = UInt16(bigEndian: address.sin_port)
    threads = 1
    Thread { [self] in acceptLoop() }.start()
  }

  /// `http://127.0.0.1:PORT`.
  public var baseURL: String { "http://127.0.0.1:\(port)" }

  /// Connections accepted so far.
  public var connectionsAccepted: Int { lock.withLock { accepted } }

  /// Requests read so far, on every connection.
  public var requestsSeen: Int { lock.withLock { requests } }

  /// Stops accepting, cuts every connection and waits for every thread to end.
  public func stop() {
    lock.lock()
    stopping = true
    shutdown(listener, Int32(SHUT_RDWR))
    for fd in connections { shutdown(fd, Int32(SHUT_RDWR)) }
    lock.broadcast()
    while threads > 0 { lock.wait() }
    lock.unlock()
    close(listener)
  }

  /// A complete `200 OK` answer with `body` and a `Content-Length`.
  public static func ok(_ body: String, keepAlive: Bool = true) -> [UInt8] {
    ok(Array(body.utf8), keepAlive: keepAlive)
  }

  /// A complete `200 OK` answer with `body` and a `Content-Length`.
  public static func ok(_ body: [UInt8], keepAlive: Bool = true) -> [UInt8] {
    head(200, "OK", ["Content-Length: \(body.count)"], keepAlive: keepAlive) + body
  }

  /// A status line and headers, ended by the blank line.
  public static func head(
    _ status: Int, _ reason: String, _ headers: [String], keepAlive: Bool = true
  ) -> [UInt8] {
    let connection = keepAlive ? [] : ["Connection: close"]
    let lines = ["HTTP/1.1 \(status) \(reason)"] + headers + connection
    return Array((lines.joined(separator: "\r\n") + "\r\n\r\n").utf8)
  }

  private func acceptLoop() {
    defer { finishThread() }
    while true {
      let fd = accept(listener, nil, nil)
      lock.lock()
      if fd < 0 || stopping {
        lock.unlock()
        if fd >= 0 { close(fd) }
        if lock.withLock({ stopping }) { return }
        continue
      }
      let index = accepted
      accepted += 1
      connections.append(fd)
      threads += 1
      lock.unlock()
      Thread { [self] in serve(fd, connection: index) }.start()
    }
  }

  private func serve(_ fd: Int32, connection: Int) {
    defer {
      lock.withLock { connections.removeAll { $0 == fd } }
      close(fd)
      finishThread()
    }
    var timeout = timeval(tv_sec: 10, tv_usec: 0)
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    var buffer: [UInt8] = []
    var index = 0
    while let head = readHead(fd, &buffer) {
      let words = head.split(separator: " ")
      let request = Request(
        path: words.count > 1 ? String(words[1]) : "/", method: String(words.first ?? ""),
        connection: connection, indexOnConnection: index)
      index += 1
      lock.withLock { requests += 1 }
      switch plan(request) {
      case .send(let bytes, let after):
        guard sendAll(fd, bytes) else { return }
        switch after {
        case .keepOpen: continue
        case .close: return
        case .reset:
          var linger = Glibc.linger(l_onoff: 1, l_linger: 0)
          setsockopt(fd, SOL_SOCKET, SO_LINGER, &linger, socklen_t(MemoryLayout<linger>.size))
          return
        case .hang:
          lock.withLock { while !stopping { lock.wait() } }
          return
        }
      case .trickle(let bytes, let every):
        for byte in bytes.prefix(200) {
          guard sendAll(fd, [byte]), !lock.withLock({ stopping }) else { return }
          let (seconds, attoseconds) = every.components
          usleep(UInt32(seconds * 1_000_000 + attoseconds / 1_000_000_000_000))
        }
        return
      }
    }
  }

  /// The first line of the next request head (its headers are read and dropped).
  private func readHead(_ fd: Int32, _ buffer: inout [UInt8]) -> String? {
    let blank: [UInt8] = [13, 10, 13, 10]
    while true {
      if let end = buffer.indices.dropLast(3).first(where: {
        buffer[$0..<$0 + 4].elementsEqual(blank)
      }) {
        let head = String(decoding: buffer[..<end], as: UTF8.self)
        buffer.removeSubrange(0..<end + 4)
        return head.split(separator: "\r\n").first.map(String.init) ?? ""
      }
      var chunk = [UInt8](repeating: 0, count: 4096)
      let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
      guard count > 0 else { return nil }
      buffer += chunk[..<count]
    }
  }

  private func sendAll(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
    var offset = 0
    while offset < bytes.count {
      let sent = bytes.withUnsafeBytes {
        send(fd, $0.baseAddress.map { $0 + offset }, $0.count - offset, Int32(MSG_NOSIGNAL))
      }
      guard sent > 0 else { return false }
      offset += sent
    }
    return true
  }

  private func finishThread() {
    lock.withLock {
      threads -= 1
      lock.broadcast()
    }
  }
}

/// A fault server that could not start.
public struct FaultServerError: Error, CustomStringConvertible {
  /// What failed.
  public var description: String

  init(_ description: String) { self.description = description }
}
