import Foundation
import Testing

@testable import Flags

#if canImport(Glibc)
  import Glibc
#endif

/// Starting, stopping, logging and profiles of ``FlagServer`` (split from
/// `FlagServerTests.swift`, which covers HTTP behaviour, to keep files short).
@Suite("FlagServer lifecycle", .timeLimit(.minutes(2)))
struct FlagServerLifecycleTests {
  @Test("a port already in use is a clear error")
  func portInUse() throws {
    try withServer { (server: FlagServer) throws in
      let second = FlagServer(profile: ServerProfile(.delay), port: server.port)
      #expect(throws: FlagServerError.portInUse(server.port)) { try second.start() }
      #expect("\(FlagServerError.portInUse(8001))".contains("port 8001"))
    }
  }

  @Test("stop() closes idle connections, refuses new ones and can be called twice")
  func stop() throws {
    let server = FlagServer(profile: ServerProfile(.local), port: 0)
    try server.start()
    let port = server.port
    let client = try RawHTTPClient(port: port)
    try client.request("/flags/ad/metadata.json")
    #expect(try client.readResponse().status == 200)
    server.stop()
    #expect(try client.isClosedByServer())
    #expect(throws: RawHTTPClient.Failure.self) { try RawHTTPClient(port: port) }
    server.stop()
    #expect(throws: FlagServerError.alreadyStarted) { try server.start() }
  }

  @Test("stop() interrupts a request that is waiting out its delay")
  func stopDuringDelay() throws {
    let server = FlagServer(profile: ServerProfile(.delay, fixedDelay: .seconds(60)), port: 0)
    try server.start()
    let client = try RawHTTPClient(port: server.port)
    try client.request("/flags/ad/ad.gif")
    usleep(100_000)  // let the connection thread reach its delay
    server.stop()
    #expect(try client.isClosedByServer())
  }

  @Test("serveForever() returns once another thread calls stop()")
  func serveForever() throws {
    let server = FlagServer(profile: ServerProfile(.local), port: 0)
    let done = DispatchSemaphore(value: 0)
    let thread = Thread {
      try? server.serveForever()
      done.signal()
    }
    thread.start()
    for _ in 0..<5_000 where server.port == 0 { usleep(1_000) }
    #expect(try RawHTTPClient.get(port: server.port, "/flags/ad/ad.gif").status == 200)
    server.stop()
    #expect(done.wait(timeout: .now() + 30) == .success)
  }

  @Test("verbose mode logs one line per request")
  func verbose() throws {
    let log = LogLines()
    try withServer(log: log) { (server: FlagServer) throws in
      _ = try RawHTTPClient.get(port: server.port, "/flags/ad/ad.gif")
      _ = try RawHTTPClient.get(port: server.port, "/flags/xx/xx.gif", method: "HEAD")
      _ = try RawHTTPClient.get(port: server.port, "/flags/\"odd\"", method: "PUT")
    }
    let size = FlagImage.gif(for: "AD").count
    let lines = log.all
    #expect(lines.count == 3)
    #expect(
      lines.contains { $0.hasPrefix("127.0.0.1 \"GET /flags/ad/ad.gif HTTP/1.1\" 200 \(size) ") })
    #expect(lines.contains { $0.hasPrefix("127.0.0.1 \"HEAD /flags/xx/xx.gif HTTP/1.1\" 404 0 ") })
    #expect(lines.contains { $0.contains(#""PUT /flags/\"odd\" HTTP/1.1" 405"#) })
    #expect(lines.allSatisfy { $0.hasSuffix("s") && $0.contains(".") })
  }

  @Test("DELAY answers normally after its delay")
  func delayProfile() throws {
    try withServer(ServerProfile(.delay, fixedDelay: .milliseconds(10))) {
      (server: FlagServer) throws in
      let response = try RawHTTPClient.get(port: server.port, "/flags/jp/jp.gif")
      #expect(response.status == 200)
      #expect(Data(response.body) == FlagImage.gif(for: "JP"))
    }
  }

  @Test("ERROR fails exactly the requests its plan says, with 500")
  func errorProfile() throws {
    let profile = ServerProfile(.error, fixedDelay: .milliseconds(5), seed: 11)
    try withServer(profile) { (server: FlagServer) throws in
      let client = try RawHTTPClient(port: server.port)
      var failures = 0
      for code in Countries.pop20 {
        let path = "/flags/\(code.lowercased())/\(code.lowercased()).gif"
        try client.request(path)
        let response = try client.readResponse()
        let fails = profile.plan(for: path).fails
        #expect(response.status == (fails ? 500 : 200), "\(path)")
        if fails {
          failures += 1
          #expect(response.text == "500 Internal Server Error\n")
        }
      }
      #expect(failures > 0 && failures < 20)
    }
    let always = ServerProfile(.error, fixedDelay: .zero, errorRate: 1)
    try withServer(always) { (server: FlagServer) throws in
      #expect(try RawHTTPClient.get(port: server.port, "/flags/ad/ad.gif").status == 500)
    }
  }
}
