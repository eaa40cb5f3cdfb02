import ConcurrencyRuntime
import Futures
import Testing

@testable import Stress

/// ``ThreadPoolStress`` at a size for the test suite (and the Thread Sanitizer): the full
/// million is `Benchmarks/run stress`.
@Suite("ThreadPoolExecutor under stress", .timeLimit(.minutes(3)))
struct ThreadPoolStressTests {
  @Test("20,000 live tasks, cancelled and timed out at random: each ends once, as it should")
  func live() throws {
    let report = try ThreadPoolStress(tasks: 20_000, seed: 14).run(on: .live())
    #expect(report.violations.isEmpty, "\(report)")
    #expect(report.futures == 20_000)
    #expect(report.ended == report.futures)
    #expect(report.finished > 0 && report.failed > 0, "\(report)")
    #expect(report.cancelled + report.cancelledByShutdown > 0, "\(report)")
  }

  @Test(
    "in virtual time, on the canonical schedule and on seeded ones, the same holds",
    arguments: [nil, 3, 4] as [UInt64?])
  func virtual(seed: UInt64?) throws {
    let runtime = RuntimeConfiguration.virtual(seed: seed).makeRuntime { _ in }
    let report = try ThreadPoolStress(tasks: 3_000, seed: 14).run(on: runtime)
    #expect(report.violations.isEmpty, "\(report)")
    #expect(report.ended == 3_000)
    #expect(report.cancelled > 0 && report.cancelRefusals > 0, "\(report)")
    #expect(report.resultTimeouts + report.asCompletedTimeouts > 0, "\(report)")
  }

  @Test("the checker sees a future cancelled behind its back, and a wrong value")
  func checkerIsNotBlind() throws {
    let runtime = Runtime.virtual()
    let report = try runtime.run {
      var report = StressReport(name: "check")
      let executor = try ThreadPoolExecutor(maxWorkers: 1, runtime: runtime)
      let batch = StressBatch<Int>(runtime: runtime, capacity: 2) { index, outcome in
        (try? outcome.get()) == index ? nil : "wrong value"
      }
      let gate = runtime.makeCondition(label: "gate")
      let held = try executor.submit { gate.withLock { gate.wait(timeout: .seconds(1)) } }
      let victim = try executor.submit { 1 }
      batch.add(victim, index: 1, probe: FutureProbe())
      victim.cancel()
      let wrong = try executor.submit { 7 }
      batch.add(wrong, index: 2, probe: FutureProbe())
      _ = try held.result()
      batch.settle(&report, callbackLimit: .seconds(1))
      executor.shutdown()
      return report
    }
    #expect(report.violations.contains { $0.contains("nothing cancelled it") }, "\(report)")
    #expect(report.violations.contains { $0.contains("future 2: wrong value") }, "\(report)")
  }
}
