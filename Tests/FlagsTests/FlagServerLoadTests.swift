import Stress
import Testing

@testable import Flags

/// The flag server and the async client under load, at a size for the test suite: the full
/// 10,000 requests over 200 connections and 1,000 downloads are `Benchmarks/run load`.
@Suite("FlagServer under load", .serialized, .timeLimit(.minutes(2)))
struct FlagServerLoadTests {
  @Test("2,000 requests over 50 keep-alive connections at once: every answer is the flag")
  func keepAliveLoad() throws {
    let report = try withServer { server in
      ServerLoad(port: server.port, connections: 50, requests: 2_000).run()
    }
    #expect(report.operations == 2_000)
    #expect(report.failures == 0, "\(report)")
  }

  @Test("200 async downloads at once, all on the one event-loop thread: every one the flag")
  func asyncDownloads() throws {
    let report = try withServer { server in
      try AsyncDownloads(port: server.port, downloads: 200).run()
    }
    #expect(report.operations == 200)
    #expect(report.failures == 0, "\(report)")
    #expect(report.detail("threads") == "1", "\(report)")
    #expect(report.detail("on_caller") == "yes", "\(report)")
  }
}
