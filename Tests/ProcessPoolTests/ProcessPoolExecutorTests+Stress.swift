import ConcurrencyRuntime
import Futures
import Testing

@testable import Stress

/// ``ProcessPoolStress`` at a size for the test suite (and the Thread Sanitizer): the full
/// 100,000 jobs are `Benchmarks/run stress`. In the process-pool suite, which runs one test
/// at a time: the other tests look for workers left behind, and would count these.
extension ProcessPoolExecutorTests {
  @Test(
    "stress, live and virtual: jobs cancelled and timed out at random each end once, none lost",
    .timeLimit(.minutes(3)), arguments: Mode.allCases)
  func stress(mode: Mode) throws {
    let jobs = 2_000
    let runtime = mode == .virtual ? Runtime.virtual(cpuCount: 2) : Runtime.live()
    var stress = ProcessPoolStress(jobs: jobs, seed: 14, command: workerCommand)
    stress.batchSize = 200
    let report = try stress.run(on: runtime)
    #expect(report.violations.isEmpty, "\(report)")
    #expect(report.futures == jobs)
    #expect(report.ended == jobs)
    #expect(report.finished > 0 && report.failed > 0, "\(report)")
    #expect(report.cancelled + report.cancelledByShutdown > 0, "\(report)")
    #expect(report.executors > 1)
    if mode == .live {
      let left = ProcessTable.leftoverWorkers()
      #expect(left.isEmpty, "workers left behind: \(left)")
    }
  }

  @Test("the answer counts notice a lost answer and a repeated one")
  func answerCountsAreNotBlind() {
    var counts = AnswerCounts()
    let tally = { (count: Int) in ProcessPoolStress.Tally(index: count, worker: "w", count: count) }
    #expect(counts.note(tally(1)) == nil)
    #expect(counts.note(tally(3)) == nil)
    #expect(counts.gaps() == ["worker w answered 3 jobs; 2 answers arrived"])
    #expect(counts.note(tally(3)) != nil)
  }
}
