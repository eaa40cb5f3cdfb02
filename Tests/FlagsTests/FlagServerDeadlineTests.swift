import Foundation
import Testing

@testable import Flags

#if canImport(Glibc)
  import Glibc
#endif

/// Slow clients against ``FlagServer``'s deadlines: a request must arrive, and a response
/// must be taken, within a total time, however the bytes trickle.
///
/// The deadlines are short here (0.5 s) so the tests are quick; the waits for their effects
/// are long (up to 10 s), so a slow machine cannot fail them.
@Suite("FlagServer deadlines", .timeLimit(.minutes(2)))
struct FlagServerDeadlineTests {
  @Test("300 clients sending a request head a byte at a time get 408 and lose their threads")
  func slowHeads() throws {
    // 300 client and 300 server sockets, beside whatever the other tests hold.
    FlagServer.raiseOpenFileLimit(to: 4096)
    try withServer(requestTimeout: .milliseconds(500)) { (server: FlagServer) throws in
      let port = server.port
      #expect(eventually { serverThreadCount(port: port) == 1 })
      let baseline = serverThreadCount(port: port)
      var clients: [TrickleClient] = []
      for _ in 0..<300 {
        let client = try TrickleClient(port: port)
        client.sendNextByte()
        clients.append(client)
      }
      let normal = try RawHTTPClient.get(port: port, "/flags/ad/ad.gif")
      #expect(normal.status == 200, "a normal request is answered while the slow clients wait")
      // About one byte every 100 ms for each client, until the server has closed them all.
      let end = ContinuousClock.now + .seconds(10)
      while ContinuousClock.now < end, clients.contains(where: { !$0.isClosed }) {
        for client in clients where !client.isClosed {
          client.receiveAvailable()
          if !client.isClosed { client.sendNextByte() }
        }
        usleep(100_000)
      }
      let open = clients.filter { !$0.isClosed }.count
      #expect(open == 0, "\(open) of 300 slow clients still connected after 10 s")
      let unanswered = clients.filter { !$0.isClosed || !$0.sawTimeoutResponse }.count
      #expect(unanswered == 0, "\(unanswered) of 300 slow clients did not get 408 then close")
      #expect(eventually { serverThreadCount(port: port) == baseline })
      clients.removeAll()
      #expect(try RawHTTPClient.get(port: port, "/flags/ad/ad.gif").status == 200)
    }
  }

  @Test("a request body that trickles in is answered 408 and the connection closed")
  func slowBody() throws {
    try withServer(requestTimeout: .milliseconds(500)) { (server: FlagServer) throws in
      let client = try TrickleClient(
        port: server.port,
        head: "GET /flags/ad/ad.gif HTTP/1.1\r\nHost: a\r\nContent-Length: 999\r\n\r\n")
      let end = ContinuousClock.now + .seconds(10)
      while ContinuousClock.now < end, !client.isClosed {
        client.receiveAvailable()
        if !client.isClosed { client.sendNextByte() }
        usleep(100_000)
      }
      #expect(client.isClosed && client.sawTimeoutResponse)
    }
  }

  @Test("idle time on a kept-alive connection does not count against the request deadline")
  func idleIsNotRequestTime() throws {
    try withServer(requestTimeout: .milliseconds(500)) { (server: FlagServer) throws in
      let client = try RawHTTPClient(port: server.port)
      try client.request("/flags/ad/metadata.json")
      #expect(try client.readResponse().status == 200)
      usleep(1_000_000)
      try client.request("/flags/br/metadata.json")
      #expect(try client.readResponse().status == 200)
    }
  }

  @Test("a client that takes its responses only a trickle at a time is cut off")
  func slowReader() throws {
    try withServer(writeTimeout: .milliseconds(500)) { (server: FlagServer) throws in
      let port = server.port
      #expect(eventually { serverThreadCount(port: port) == 1 })
      let baseline = serverThreadCount(port: port)
      let client = try PipeliningClient(port: port)
      client.sendRequests()
      #expect(eventually { serverThreadCount(port: port) == baseline + 1 })
      // Keep the server busy writing, and take what it wrote once a second: progress now
      // and then, but each response waits far longer than the write deadline.
      let end = ContinuousClock.now + .seconds(10)
      var nextRead = ContinuousClock.now + .seconds(1)
      var cut = false
      while ContinuousClock.now < end, !cut {
        client.sendRequests()
        if ContinuousClock.now >= nextRead {
          client.receiveAvailable()
          nextRead = ContinuousClock.now + .seconds(1)
        }
        usleep(20_000)
        cut = serverThreadCount(port: port) == baseline
      }
      #expect(cut, "the server still serves the slow reader after 10 s")
      #expect(client.readsToEnd(), "the slow reader's connection is closed")
    }
  }
}

/// A client that sends a request one byte per call and collects what comes back.
///
/// The default request head never ends: header line after header line, a byte at a time.
private final class TrickleClient {
  private let client: RawHTTPClient
  private let head: [UInt8]
  private var sent = 0
  private var received: [UInt8] = []
  /// Whether the server closed (or reset) the connection.
  private(set) var isClosed = false

  init(port: UInt16, head: String = "GET /flags/ad/ad.gif HTTP/1.1\r\nHost: a\r\n") throws {
    client = try RawHTTPClient(port: port)
    self.head = Array(head.utf8)
  }

  /// Whether the server answered `408 Request Timeout` with `Connection: close`.
  var sawTimeoutResponse: Bool {
    let text = String(decoding: received, as: UTF8.self)
    return text.hasPrefix("HTTP/1.1 408 Request Timeout\r\n")
      && text.contains("\r\nConnection: close\r\n")
  }

  /// Sends the next byte of the head, then of an endless run of `X-Slow: 1` header lines.
  func sendNextByte() {
    let filler = Array("X-Slow: 1\r\n".utf8)
    let byte = sent < head.count ? head[sent] : filler[(sent - head.count) % filler.count]
    var one = byte
    if Glibc.send(client.fd, &one, 1, Int32(MSG_NOSIGNAL) | Int32(MSG_DONTWAIT)) == 1 {
      sent += 1
    }
  }

  /// Reads whatever has arrived without waiting; notes a close or reset.
  func receiveAvailable() {
    var chunk = [UInt8](repeating: 0, count: 4096)
    while !isClosed {
      let count = chunk.withUnsafeMutableBytes {
        recv(client.fd, $0.baseAddress, $0.count, Int32(MSG_DONTWAIT))
      }
      if count > 0 {
        received += chunk[0..<count]
      } else if count == 0 || (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) {
        isClosed = true
      } else if errno != EINTR {
        return
      }
    }
  }
}

/// A client that keeps a keep-alive connection full of requests and reads when told to.
private final class PipeliningClient {
  private let client: RawHTTPClient
  private let requests: [UInt8]
  private let requestLength: Int
  private var offset = 0

  init(port: UInt16) throws {
    client = try RawHTTPClient(port: port)
    let one = Array("GET /flags/cn/cn.gif HTTP/1.1\r\nHost: a\r\n\r\n".utf8)
    requestLength = one.count
    requests = Array((0..<256).map { _ in one }.joined())
  }

  /// Sends requests until the socket would block, resuming where a partial send stopped.
  func sendRequests() {
    while true {
      let start = offset % requestLength
      let sent = requests.withUnsafeBytes { raw in
        Glibc.send(
          client.fd, raw.baseAddress.map { $0 + start }, raw.count - start,
          Int32(MSG_NOSIGNAL) | Int32(MSG_DONTWAIT))
      }
      guard sent > 0 else { return }
      offset += sent
    }
  }

  /// Reads and drops everything that has arrived, without waiting.
  func receiveAvailable() {
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    while chunk.withUnsafeMutableBytes({
      recv(client.fd, $0.baseAddress, $0.count, Int32(MSG_DONTWAIT))
    }) > 0 {}
  }

  /// Reads (waiting up to 10 s for each read) until the server closes or resets the
  /// connection; `false` if a read times out first.
  func readsToEnd() -> Bool {
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    while true {
      let count = chunk.withUnsafeMutableBytes { recv(client.fd, $0.baseAddress, $0.count, 0) }
      if count > 0 { continue }
      if count < 0 && errno == EINTR { continue }
      return count == 0 || errno != EAGAIN
    }
  }
}
