import Flags
import Foundation
import Testing

@testable import Lessons

@Suite("InterruptibleNetwork")
struct InterruptibleNetworkTests {
  /// Answers every request with a one-byte 200 and counts them.
  final class Counting: FlagNetwork, @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    var asked: Int { lock.withLock { count } }

    func get(_ url: String) throws(FlagNetworkError) -> FlagResponse {
      lock.withLock { count += 1 }
      return FlagResponse(status: 200, body: Data([1]))
    }

    func get(_ url: String) async throws(FlagNetworkError) -> FlagResponse {
      lock.withLock { count += 1 }
      return FlagResponse(status: 200, body: Data([1]))
    }
  }

  /// A switch a test flips, standing for Ctrl-C (the real one is process-wide).
  final class Switch: @unchecked Sendable {
    private let lock = NSLock()
    private var on = false
    var isOn: Bool { lock.withLock { on } }
    func flip() { lock.withLock { on = true } }
  }

  @Test("requests pass through until the interrupt, then fail as cancelled and are counted")
  func refusesAfterInterrupt() async throws {
    let inner = Counting()
    let interrupt = Switch()
    let network = InterruptibleNetwork(inner, isInterrupted: { interrupt.isOn })
    // A closure that is not async calls the blocking `get`.
    let blockingGet: (String) throws -> FlagResponse = { try network.get($0) }
    #expect(try blockingGet("http://h/flags/cn/cn.gif").status == 200)
    #expect(try await network.get("http://h/flags/br/br.gif").status == 200)
    interrupt.flip()
    #expect(throws: FlagNetworkError.cancelled) { try blockingGet("http://h/flags/in/in.gif") }
    await #expect(throws: FlagNetworkError.cancelled) {
      try await network.get("http://h/flags/us/us.gif")
    }
    #expect(inner.asked == 2, "refused requests never reach the network")
    #expect(network.refused == 2)
  }
}
