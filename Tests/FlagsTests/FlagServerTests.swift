import Foundation
import Testing

@testable import Flags

#if canImport(Glibc)
  import Glibc
#endif

@Suite("FlagServer", .timeLimit(.minutes(2)))
struct FlagServerTests {
  @Test("GET serves the generator's GIF and metadata bytes with the right types")
  func content() throws {
    try withServer { (server: FlagServer) throws in
      #expect(server.port != 0)
      #expect(server.baseURL == "http://127.0.0.1:\(server.port)/flags")
      let gif = try RawHTTPClient.get(port: server.port, "/flags/ad/ad.gif")
      #expect(gif.status == 200)
      #expect(gif.headers["content-type"] == "image/gif")
      #expect(Data(gif.body) == FlagImage.gif(for: "AD"))
      #expect(gif.headers["content-length"] == String(FlagImage.gif(for: "AD").count))
      let json = try RawHTTPClient.get(port: server.port, "/flags/AD/metadata.json")
      #expect(json.status == 200)
      #expect(json.headers["content-type"] == "application/json")
      #expect(Data(json.body) == FlagImage.metadata(for: "AD"))
    }
  }

  @Test("unknown codes and other paths are 404")
  func notFound() throws {
    try withServer { (server: FlagServer) throws in
      for path in [
        "/flags/xx/xx.gif", "/flags/xx/metadata.json", "/", "/flags/ad/",
        "/flags/ad/br.gif", "/flags/ad/ad.png", "/flags/pr/pr.gif", "/flags/ad/ad.gif/x",
      ] {
        #expect(try RawHTTPClient.get(port: server.port, path).status == 404, "\(path)")
      }
    }
  }

  @Test("HEAD sends GET's headers and no body")
  func head() throws {
    try withServer { (server: FlagServer) throws in
      let client = try RawHTTPClient(port: server.port)
      try client.request("/flags/br/br.gif", method: "HEAD")
      let response = try client.readResponse(head: true)
      #expect(response.status == 200)
      #expect(response.headers["content-length"] == String(FlagImage.gif(for: "BR").count))
      #expect(response.body.isEmpty)
      // If a body had been sent, it would be read here as a broken status line.
      try client.request("/flags/br/metadata.json")
      #expect(try client.readResponse().status == 200)
    }
  }

  @Test("HTTP/1.1 keeps the connection alive, also for pipelined requests")
  func keepAlive() throws {
    try withServer { (server: FlagServer) throws in
      let client = try RawHTTPClient(port: server.port)
      try client.request("/flags/cn/cn.gif")
      let first = try client.readResponse()
      #expect(first.status == 200 && first.headers["connection"] == "keep-alive")
      try client.request("/flags/in/in.gif")
      #expect(Data(try client.readResponse().body) == FlagImage.gif(for: "IN"))
      let both =
        "GET /flags/us/us.gif HTTP/1.1\r\nHost: a\r\n\r\n"
        + "GET /flags/xx/xx.gif HTTP/1.1\r\nHost: a\r\n\r\n"
      try client.send(both)
      #expect(try client.readResponse().status == 200)
      #expect(try client.readResponse().status == 404)
    }
  }

  @Test("Connection: close and HTTP/1.0 close the connection after the response")
  func closing() throws {
    try withServer { (server: FlagServer) throws in
      let client = try RawHTTPClient(port: server.port)
      try client.request("/flags/ad/ad.gif", extra: "Connection: close\r\n")
      #expect(try client.readResponse().headers["connection"] == "close")
      #expect(try client.isClosedByServer())

      let old = try RawHTTPClient(port: server.port)
      try old.send("GET /flags/ad/metadata.json HTTP/1.0\r\n\r\n")
      #expect(try old.readResponse().headers["connection"] == "close")
      #expect(try old.isClosedByServer())

      let kept = try RawHTTPClient(port: server.port)
      try kept.send("GET /flags/ad/metadata.json HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n")
      #expect(try kept.readResponse().headers["connection"] == "keep-alive")
      try kept.send("GET /flags/ad/metadata.json HTTP/1.0\r\n\r\n")
      #expect(try kept.readResponse().status == 200)
    }
  }

  @Test("traversal attempts get 400 or 404 and never anything else")
  func traversal() throws {
    let attempts = [
      "/flags/../etc/passwd", "/flags/%2e%2e/%2e%2e/etc/passwd", "/flags//ad/ad.gif",
      "/%2566lags/ad/ad.gif", "/flags/ad/../../etc/passwd", "/flags/ad/..%2f..%2fetc%2fpasswd",
      "/flags/ad%00/ad.gif", "/flags\\..\\..\\etc\\passwd", "/flags/ad/ad.gif%00.png",
      "//etc/passwd", "/etc/passwd", "http://127.0.0.1/../etc/passwd", "/flags/./ad/ad.gif",
      "../../etc/passwd", "/flags/%c0%ae%c0%ae/etc/passwd", "/flags/%2E%2E%5c%2E%2E/passwd",
      "/flags/ad/%2e", "/flags/ad/ad.gif/..", "/flags/%252e%252e/etc/passwd",
    ]
    try withServer { (server: FlagServer) throws in
      for path in attempts {
        let response = try RawHTTPClient.get(port: server.port, path)
        #expect([400, 404].contains(response.status), "\(path): \(response.status)")
        #expect(!response.text.contains("root:"), "\(path)")
        #expect(response.headers["content-type"]?.hasPrefix("text/plain") == true)
      }
      #expect(try RawHTTPClient.get(port: server.port, "/flags/ad/ad.gif").status == 200)
    }
  }

  @Test("malformed requests get their error status and the server keeps serving")
  func malformed() throws {
    let longTarget = "/flags/" + String(repeating: "a", count: 3000)
    let bigHeader = "X-Big: " + String(repeating: "b", count: 9000) + "\r\n"
    let cases: [(String, Int)] = [
      ("GARBAGE\r\n\r\n", 400),
      ("GET /flags/ad/ad.gif\r\n\r\n", 400),
      ("GET  /flags/ad/ad.gif HTTP/1.1\r\nHost: a\r\n\r\n", 400),
      ("GET /flags/ad/ad.gif HTTP/1.1\r\n\r\n", 400),
      ("GET /flags/ad/ad.gif HTTP/1.1\r\nHost: a\r\nNoColon\r\n\r\n", 400),
      ("GET /flags/ad/ad.gif HTTP/1.1\r\nHost: a\r\n folded\r\n\r\n", 400),
      ("GET /flags/ad/ad.gif HTTP/1.1\r\nHost: a\r\nContent-Length: x\r\n\r\n", 400),
      ("GET /flags/ad/ad.gif HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n", 400),
      ("\u{0}\u{1}\u{2}\u{ff}junk\r\n\r\n", 400),
      ("POST /flags/ad/ad.gif HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\n\r\nabc", 405),
      ("DELETE /flags/ad/ad.gif HTTP/1.1\r\nHost: a\r\n\r\n", 405),
      ("GET \(longTarget) HTTP/1.1\r\nHost: a\r\n\r\n", 414),
      ("GET \(longTarget + longTarget) HTTP/1.1\r\nHost: a\r\n\r\n", 414),
      ("GET /flags/ad/ad.gif HTTP/1.1\r\nHost: a\r\n\(bigHeader)\r\n", 431),
      ("GET /flags/ad/ad.gif HTTP/2.0\r\nHost: a\r\n\r\n", 505),
      ("GET /flags/ad/ad.gif HTTP/1.2\r\nHost: a\r\n\r\n", 505),
    ]
    try withServer { (server: FlagServer) throws in
      for (request, status) in cases {
        let client = try RawHTTPClient(port: server.port)
        try client.send(request)
        let response = try client.readResponse()
        #expect(response.status == status, "\(request.prefix(40))")
        #expect(response.headers["connection"] == "close")
        if status == 405 { #expect(response.headers["allow"] == "GET, HEAD") }
        #expect(try client.isClosedByServer())
        #expect(try RawHTTPClient.get(port: server.port, "/flags/fr/fr.gif").status == 200)
      }
    }
  }

  @Test("a client that hangs up mid-request does not disturb the server")
  func hangUps() throws {
    try withServer { (server: FlagServer) throws in
      for partial in ["", "GET /fla", "GET /flags/ad/ad.gif HTTP/1.1\r\nHost: a\r\n"] {
        let client = try RawHTTPClient(port: server.port)
        try client.send(partial)
      }
      #expect(try RawHTTPClient.get(port: server.port, "/flags/de/de.gif").status == 200)
    }
  }

  @Test("delays are scaled by the server's speed; a speed that is not positive means 1")
  func speed() {
    let profile = ServerProfile(.delay, fixedDelay: .milliseconds(500))
    let normal = FlagServer(profile: profile, port: 0)
    #expect(normal.realDelay(.milliseconds(500)) == .milliseconds(500))
    let fast = FlagServer(profile: profile, port: 0, speed: 10)
    #expect(fast.speed == 10)
    #expect(fast.realDelay(.milliseconds(500)) == .milliseconds(50))
    let slow = FlagServer(profile: profile, port: 0, speed: 0.5)
    #expect(slow.realDelay(.seconds(1)) == .seconds(2))
    for bad in [0, -3, Double.nan, .infinity] {
      #expect(FlagServer(profile: profile, port: 0, speed: bad).speed == 1, "\(bad)")
    }
  }

  @Test("an idle keep-alive connection is closed after the idle time-out")
  func idleTimeout() throws {
    try withServer(idleTimeout: .milliseconds(100)) { (server: FlagServer) throws in
      let client = try RawHTTPClient(port: server.port)
      try client.request("/flags/ad/metadata.json")
      #expect(try client.readResponse().status == 200)
      #expect(try client.isClosedByServer())
    }
  }
}
