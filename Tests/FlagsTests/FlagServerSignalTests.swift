import Foundation
import Testing

@testable import Flags

#if canImport(Glibc)
  import Glibc
#endif

/// ``FlagServer`` and `SIGPIPE`: a client that hangs up must cost one connection, never the
/// process, and the server must not change the process's signal dispositions (the command
/// line relies on the default one to end quietly when its output pipe closes).
///
/// Both tests set `SIGPIPE` to its default disposition and restore the previous one after,
/// so they run one at a time.
@Suite("FlagServer and SIGPIPE", .serialized, .timeLimit(.minutes(2)))
struct FlagServerSignalTests {
  /// The process's `SIGPIPE` handler as a number (0 for `SIG_DFL`, 1 for `SIG_IGN`), read
  /// without changing it.
  private static func pipeHandler() -> Int {
    var action = sigaction()
    guard sigaction(SIGPIPE, nil, &action) == 0 else { return -1 }
    return unsafeBitCast(action.__sigaction_handler.sa_handler, to: Int.self)
  }

  @Test("SocketIO's writes to a closed peer fail with EPIPE, not SIGPIPE")
  func closedPeer() {
    var fds: [Int32] = [0, 0]
    #expect(socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0, &fds) == 0)
    defer { close(fds[0]) }
    close(fds[1])
    let previous = signal(SIGPIPE, SIG_DFL)
    defer { signal(SIGPIPE, previous) }
    #expect(!SocketIO.writeAll(fds[0], [1, 2, 3], until: .now + .seconds(60)))
    #expect(errno == EPIPE)
  }

  @Test("starting and stopping a server leaves SIGPIPE at its default disposition")
  func dispositionLeftAlone() throws {
    let previous = signal(SIGPIPE, SIG_DFL)
    defer { signal(SIGPIPE, previous) }
    try withServer { (server: FlagServer) throws in
      #expect(try RawHTTPClient.get(port: server.port, "/flags/ad/ad.gif").status == 200)
      #expect(Self.pipeHandler() == 0, "SIGPIPE is no longer SIG_DFL while the server runs")
    }
    #expect(Self.pipeHandler() == 0, "SIGPIPE is no longer SIG_DFL after the server stopped")
  }

  @Test("clients that hang up before reading their responses do not kill the process")
  func hangUpsBeforeReading() throws {
    let previous = signal(SIGPIPE, SIG_DFL)
    defer { signal(SIGPIPE, previous) }
    let log = LogLines()
    try withServer(log: log) { (server: FlagServer) throws in
      let port = server.port
      #expect(eventually { serverThreadCount(port: port) == 1 })
      // Twenty pipelined requests, then close: the first response finds the client gone
      // (it answers with a reset), so the next write goes into a closed socket. With
      // SIGPIPE at SIG_DFL, a write that raised it would end this test process.
      let burst = String(
        repeating: "GET /flags/cn/cn.gif HTTP/1.1\r\nHost: a\r\n\r\n", count: 20)
      for _ in 0..<100 {
        let client = try RawHTTPClient(port: port)
        try client.send(burst)
      }
      // Answered after the 100 were accepted (connections are accepted in order), so the
      // thread count below cannot be back at its baseline before they were served.
      #expect(try RawHTTPClient.get(port: port, "/flags/ad/ad.gif").status == 200)
      #expect(eventually { serverThreadCount(port: port) == 1 })
      // More than one logged response on some connection: the server did write after the
      // client had gone, so this test exercised what it is about.
      #expect(log.all.count > 101)
    }
    #expect(Self.pipeHandler() == 0)
  }
}
