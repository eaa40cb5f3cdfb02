import Testing

@testable import ConcurrencyRuntime

/// An async sleep on the virtual clock leaves nothing behind once it wakes.
@Suite("VirtualSleeper")
struct VirtualSleeperTests {
  @Test("a sleeper is freed once its timer has woken it: it and its timer form no cycle")
  func freedAfterWaking() throws {
    let runtime = Runtime.virtual()
    let backend = try #require(runtime.backend as? VirtualBackend)
    let freed = try runtime.run {
      try runtime.runAsync { () async throws -> Bool in
        let watched = WeakBox()
        try await Self.sleepOnce(backend.scheduler, until: runtime.now + .seconds(1), watched)
        #expect(runtime.now == .seconds(1))
        // Let the scheduler finish with the timer it fired.
        try await runtime.clock.sleep(for: .seconds(1))
        return watched.object == nil
      }
    }
    #expect(freed, "the sleeper outlived its sleep (found by the Address Sanitizer's leak check)")
  }

  /// What `VirtualBackend.sleep(until:)` does, with the sleeper watched weakly.
  private static func sleepOnce(_ scheduler: Scheduler, until deadline: Duration, _ box: WeakBox)
    async throws
  {
    let sleeper = VirtualSleeper(scheduler: scheduler)
    box.object = sleeper
    try await withCheckedThrowingContinuation { continuation in
      sleeper.start(until: deadline, continuation)
    }
  }
}

/// A weak reference that a task can fill and read.
private final class WeakBox: @unchecked Sendable {
  weak var object: AnyObject?
}
