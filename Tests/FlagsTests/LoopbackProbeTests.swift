import TestSupport
import Testing

@testable import Flags

@Suite("LoopbackProbe", .timeLimit(.minutes(5)))
struct LoopbackProbeTests {
  @Test("a running server's port is listening")
  func listening() throws {
    try withServer { server in
      #expect(LoopbackProbe.isListening(port: server.port))
    }
  }

  @Test("a closed port is not")
  func closed() {
    #expect(!LoopbackProbe.isListening(port: closedPort()))
  }
}
