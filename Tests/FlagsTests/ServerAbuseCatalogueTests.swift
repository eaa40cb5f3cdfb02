import Foundation
import Testing

@testable import Flags

#if canImport(Glibc)
  import Glibc
#endif

/// One raw request and what the flag server may answer to it.
struct ServerAbuse: Sendable, CustomTestStringConvertible {
  /// What the case tries.
  var name: String
  /// The bytes sent, all at once, on a fresh connection.
  var request: String
  /// The statuses allowed in answer.
  var statuses: Set<Int>
  /// Whether the server must close the connection after answering.
  var closes: Bool

  init(_ name: String, _ request: String, _ statuses: Set<Int>, closes: Bool = true) {
    self.name = name
    self.request = request
    self.statuses = statuses
    self.closes = closes
  }

  /// A GET of `target` that asks to close the connection after the answer.
  static func get(_ name: String, _ target: String, _ statuses: Set<Int> = [400, 404]) -> Self {
    ServerAbuse(
      name, "GET \(target) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n", statuses)
  }

  var testDescription: String { name }
}

/// The server half of the bad-input catalogue: raw requests over real sockets, each on a
/// fresh connection, and for each the checks: the answer is one of the allowed statuses with
/// no file content leaked, the connection is closed when it must be, and afterwards the
/// server still serves a good GET and has no more connection threads than before.
@Suite("FlagServer bad-input catalogue", .timeLimit(.minutes(3)))
struct ServerAbuseCatalogueTests {
  static let traversal: [ServerAbuse] = [
    .get("dot-dot slash", "/flags/../../etc/passwd"),
    .get("dot-dot inside a flag path", "/flags/ad/../../../etc/passwd"),
    .get("%2e%2e/", "/flags/%2e%2e/%2e%2e/etc/passwd"),
    .get("%2E%2E%2F upper case", "/flags/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd"),
    .get("..%2f", "/flags/ad/..%2f..%2f..%2fetc/passwd"),
    .get("double-encoded %252e", "/flags/%252e%252e/%252e%252e/etc/passwd"),
    .get("double-encoded slash %252f", "/flags/..%252f..%252fetc/passwd"),
    .get("backslashes", "/flags\\..\\..\\etc\\passwd"),
    .get("encoded backslashes", "/flags/%2e%2e%5c%2e%2e%5cetc%5cpasswd"),
    .get("NUL in a code", "/flags/ad%00/ad.gif"),
    .get("NUL after the name", "/flags/ad/ad.gif%00.png"),
    .get("overlong UTF-8 dots", "/flags/%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd"),
    .get("dot-dot semicolon", "/flags/..;/etc/passwd"),
    .get("relative target", "../../etc/passwd"),
    .get("double slash", "//etc/passwd"),
    .get("absolute URL with dot-dot", "http://127.0.0.1/flags/../../etc/passwd"),
    .get("absolute URL, other host, dot-dot", "http://evil.example/../etc/passwd"),
    .get("absolute URL, https", "https://127.0.0.1/flags/%2e%2e/etc/passwd"),
    .get("trailing dot segment", "/flags/ad/ad.gif/.."),
  ]

  static let malformed: [ServerAbuse] = {
    let long = String(repeating: "a", count: 100_000)
    let wideHeader = "X-Wide: " + String(repeating: "b", count: 70_000) + "\r\n"
    let manyHeaders = (0..<2000).map { "X-H\($0): v\r\n" }.joined()
    let head = "GET /flags/ad/ad.gif HTTP/1.1\r\nHost: a\r\n"
    return [
      ServerAbuse("POST", "POST /flags/ad/ad.gif HTTP/1.1\r\nHost: a\r\n\r\n", [405]),
      ServerAbuse("DELETE", "DELETE /flags/ad/ad.gif HTTP/1.1\r\nHost: a\r\n\r\n", [405]),
      ServerAbuse(
        "PUT with a body", "PUT /flags/x HTTP/1.1\r\nHost: a\r\nContent-Length: 2\r\n\r\nhi", [405]),
      ServerAbuse("CONNECT", "CONNECT 127.0.0.1:443 HTTP/1.1\r\nHost: a\r\n\r\n", [400, 405]),
      ServerAbuse("OPTIONS *", "OPTIONS * HTTP/1.1\r\nHost: a\r\n\r\n", [400, 405]),
      ServerAbuse(
        "lower-case method", "get /flags/ad/ad.gif HTTP/1.1\r\nHost: a\r\n\r\n", [400, 405]),
      ServerAbuse(
        "garbage method", "G\u{1}T /flags/ad/ad.gif HTTP/1.1\r\nHost: a\r\n\r\n", [400, 405]),
      ServerAbuse("binary garbage", "\u{0}\u{1}\u{2}\u{7f}\u{ff}\r\n\r\n", [400]),
      ServerAbuse(
        "TLS hello", "\u{16}\u{3}\u{1}\u{0}\u{a5}\u{1}\u{0}\u{0}\u{a1}\u{3}\u{3}\r\n\r\n", [400]),
      ServerAbuse("HTTP/2 preface", "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", [400, 405, 505]),
      ServerAbuse("no version", "GET /flags/ad/ad.gif\r\n\r\n", [400]),
      ServerAbuse("HTTP/9.9", "GET /flags/ad/ad.gif HTTP/9.9\r\nHost: a\r\n\r\n", [505]),
      ServerAbuse("no Host", "GET /flags/ad/ad.gif HTTP/1.1\r\n\r\n", [400]),
      ServerAbuse("two Hosts", head + "Host: b\r\n\r\n", [400]),
      ServerAbuse("100 KB request line", "GET /\(long) HTTP/1.1\r\nHost: a\r\n\r\n", [414]),
      ServerAbuse("100 KB line with no end", "GET /\(long)", [400, 414]),
      ServerAbuse("70 KB header", head + wideHeader + "\r\n", [431]),
      ServerAbuse("2000 headers", head + manyHeaders + "\r\n", [431]),
      ServerAbuse(
        "huge Content-Length", head + "Content-Length: 99999999999999999999\r\n\r\n", [400, 413]),
      ServerAbuse("negative Content-Length", head + "Content-Length: -1\r\n\r\n", [400]),
      ServerAbuse(
        "two Content-Lengths", head + "Content-Length: 1\r\nContent-Length: 2\r\n\r\nab", [400]),
      ServerAbuse(
        "chunked body", head + "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n", [400, 501]),
      ServerAbuse("100 MB body announced", head + "Content-Length: 100000000\r\n\r\n", [400, 413]),
    ]
  }()

  @Test("traversal in every encoding is 400 or 404, never a file", arguments: traversal)
  func traversalAttempt(_ abuse: ServerAbuse) throws {
    try Self.check(abuse)
  }

  @Test("bad methods and malformed or oversize requests get their error", arguments: malformed)
  func malformedRequest(_ abuse: ServerAbuse) throws {
    try Self.check(abuse)
  }

  @Test("an absolute URL naming a flag is served as its path")
  func absoluteURL() throws {
    try Self.check(
      .get("absolute URL", "http://127.0.0.1/flags/ad/metadata.json", [200]))
    try Self.check(
      .get(
        "absolute URL, upper-case scheme", "HTTP://127.0.0.1/flags/ad/metadata.json", [200, 400]))
  }

  @Test("a body on a GET is read and skipped: a request hidden in it is never answered")
  func bodyOnGet() throws {
    try withCheckedServer { port in
      let hidden = "GET /flags/xx/xx.gif HTTP/1.1\r\nHost: a\r\n\r\n"
      let client = try RawHTTPClient(port: port)
      try client.send(
        "GET /flags/ad/metadata.json HTTP/1.1\r\nHost: a\r\nContent-Length: \(hidden.utf8.count)"
          + "\r\n\r\n\(hidden)GET /flags/br/metadata.json HTTP/1.1\r\nHost: a\r\n\r\n")
      let first = try client.readResponse()
      #expect(first.status == 200)
      #expect(Data(first.body) == FlagImage.metadata(for: "AD"))
      let second = try client.readResponse()
      #expect(second.status == 200, "the request after the body, not the one inside it")
      #expect(Data(second.body) == FlagImage.metadata(for: "BR"))
    }
  }

  @Test("a slow client (slowloris) is cut off by the request deadline with 408")
  func slowloris() throws {
    try withCheckedServer { port in
      let client = try RawHTTPClient(port: port)
      let head = Array("GET /flags/ad/ad.gif HTTP/1.1\r\nHost: a\r\nX-Slow: ".utf8)
      var closed = false
      var answer: [UInt8] = []
      let end = ContinuousClock.now + .seconds(10)
      var sent = 0
      while !closed && ContinuousClock.now < end {
        var byte = sent < head.count ? head[sent] : UInt8(ascii: "z")
        if Glibc.send(client.fd, &byte, 1, Int32(MSG_NOSIGNAL)) == 1 { sent += 1 }
        usleep(50_000)
        var chunk = [UInt8](repeating: 0, count: 4096)
        let count = chunk.withUnsafeMutableBytes {
          recv(client.fd, $0.baseAddress, $0.count, Int32(MSG_DONTWAIT))
        }
        if count > 0 { answer += chunk[0..<count] }
        if count == 0 || (count < 0 && errno != EAGAIN && errno != EWOULDBLOCK) { closed = true }
      }
      #expect(closed, "still connected after 10 s of trickling")
      #expect(String(decoding: answer, as: UTF8.self).hasPrefix("HTTP/1.1 408 "))
    }
  }

  @Test("clients that hang up in the middle of a response leave the server serving")
  func disconnectMidResponse() throws {
    try withCheckedServer { port in
      for round in 0..<40 {
        let client = try RawHTTPClient(port: port)
        // Ask for many flags, read a little of the first, and go: half the clients with an
        // orderly close, half with a reset, so the server's writes meet both.
        let requests = (0..<64).map { _ in "GET /flags/cn/cn.gif HTTP/1.1\r\nHost: a\r\n\r\n" }
        try client.send(requests.joined())
        var some = [UInt8](repeating: 0, count: 512)
        _ = some.withUnsafeMutableBytes { recv(client.fd, $0.baseAddress, $0.count, 0) }
        if round % 2 == 1 {
          var linger = Glibc.linger(l_onoff: 1, l_linger: 0)
          setsockopt(
            client.fd, SOL_SOCKET, SO_LINGER, &linger, socklen_t(MemoryLayout<Glibc.linger>.size))
        }
      }
    }
  }

  /// Sends the case's bytes on a fresh connection and checks the answer, then the server.
  static func check(_ abuse: ServerAbuse) throws {
    try withCheckedServer { port in
      let client = try RawHTTPClient(port: port)
      // A server may close before reading all of an oversize request: a failed send is
      // its right, and the answer it sent first is still read.
      try? client.send(abuse.request)
      let response = try client.readResponse()
      #expect(abuse.statuses.contains(response.status), "status \(response.status)")
      #expect(!response.text.contains("root:"), "no file content")
      if response.status != 200 {
        #expect(response.headers["content-type"]?.hasPrefix("text/plain") == true)
      }
      if abuse.closes {
        #expect(try client.isClosedByServer(), "the connection is closed after the error")
      }
    }
  }
}

/// Runs `body` against a fresh server with short deadlines, then checks that the server still
/// serves a good GET and that its connection threads went back to the number before.
func withCheckedServer(_ body: (UInt16) throws -> Void) throws {
  try withServer(requestTimeout: .milliseconds(500), writeTimeout: .seconds(2)) {
    (server: FlagServer) throws in
    let port = server.port
    #expect(eventually { serverThreadCount(port: port) == 1 })
    let baseline = serverThreadCount(port: port)
    try body(port)
    let good = try RawHTTPClient.get(port: port, "/flags/fr/fr.gif")
    #expect(good.status == 200, "the server still serves a good GET")
    #expect(Data(good.body) == FlagImage.gif(for: "FR"))
    #expect(
      eventually { serverThreadCount(port: port) == baseline },
      "connection threads: \(serverThreadCount(port: port)), \(baseline) before")
  }
}
