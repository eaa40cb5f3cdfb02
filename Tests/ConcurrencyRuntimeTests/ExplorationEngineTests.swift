import ConcurrencyRuntime
import Foundation
import Testing

/// A run as the engine sees it, made by hand: no library's recording type is needed.
private struct PrintedRun: ExplorableRun {
  var schedule: Schedule?
  var transcript: String
  var failureDescription: String?
}

private struct BCameFirst: Error {}

/// Console output gathered from the simulated threads of one run.
private final class Printed: @unchecked Sendable {  // the text is touched only under the lock
  private let lock = NSLock()
  private var parts: [String] = []
  var append: @Sendable (ConsoleOutput) -> Void {
    { piece in self.lock.withLock { self.parts.append(piece.text) } }
  }
  var text: String { lock.withLock { parts.joined() } }
}

/// Threads A and B each print their name; with `throwing`, a run in which B printed first
/// throws, so that it does not finish.
private func race(_ choice: ScheduleChoice, throwing: Bool = false) -> PrintedRun {
  let printed = Printed()
  let runtime = Runtime.virtual(
    seed: choice.seed, schedule: choice.replayedSchedule, output: printed.append)
  var failure: String?
  do {
    try runtime.run {
      let threads = ["A", "B"].map { name in
        runtime.spawn(name: name) { runtime.console.display(name) }
      }
      for thread in threads { thread.join() }
      if throwing && printed.text.hasPrefix("[09:00:00] B") { throw BCameFirst() }
    }
  } catch {
    failure = "\(error)"
  }
  return PrintedRun(
    schedule: runtime.schedule, transcript: printed.text, failureDescription: failure)
}

/// Deliberately wrong: nothing orders the two threads.
private let aFirst = ExplorationCheck<PrintedRun>("A prints before B") { run in
  run.transcript.hasPrefix("[09:00:00] A") ? nil : "B came first"
}

private let bothPrint = ExplorationCheck<PrintedRun>("both print") { run in
  run.transcript.contains("] A\n") && run.transcript.contains("] B\n") ? nil : "a line is missing"
}

@Suite("ExplorationEngine")
struct ExplorationEngineTests {
  @Test("it counts runs, distinct schedules and transcripts, and finds every broken run")
  func counts() throws {
    let engine = ExplorationEngine(checks: [bothPrint, aFirst]) { race($0) }
    let findings = engine.explore(seeds: 0..<200)
    let bFirst = (UInt64(0)..<200).filter {
      race(.seed($0)).transcript.hasPrefix("[09:00:00] B")
    }
    #expect(findings.runs == 200)
    #expect(findings.invariants == ["both print", "A prints before B"])
    #expect(findings.distinctTranscripts == 2)
    #expect(findings.distinctSchedules >= 2 && findings.distinctSchedules <= 200)
    #expect(findings.unfinished.isEmpty)
    #expect(findings.finishedRuns == 200)
    #expect(findings.unfinishedSummary == nil)
    #expect(!bFirst.isEmpty && bFirst.count < 200, "seeds meet both orders")
    #expect(findings.violations.map(\.seed) == bFirst)
    let violation = try #require(findings.violations.first)
    #expect(violation.invariant == "A prints before B")
    #expect(violation.reason == "B came first")
    #expect(violation.choice == .seed(bFirst[0]))
    #expect(violation.run.transcript.hasPrefix("[09:00:00] B"))
    #expect(violation.schedule == race(.seed(bFirst[0])).schedule)
    #expect(findings.firstSchedule == race(.seed(0)).schedule)
  }

  @Test("the findings are the same on one thread or on several", arguments: [2, 3, 8])
  func parallelism(threads: Int) {
    let engine = ExplorationEngine(checks: [aFirst]) { race($0, throwing: $0.seed! % 7 == 0) }
    let one = engine.explore(seeds: 0..<120, parallelism: 1)
    let many = engine.explore(seeds: 0..<120, parallelism: threads)
    #expect(one.runs == many.runs)
    #expect(one.distinctSchedules == many.distinctSchedules)
    #expect(one.distinctTranscripts == many.distinctTranscripts)
    #expect(one.violations.map(\.choice) == many.violations.map(\.choice))
    #expect(one.violations.map(\.run.transcript) == many.violations.map(\.run.transcript))
    #expect(one.unfinished.map(\.choice) == many.unfinished.map(\.choice))
    #expect(one.firstSchedule == many.firstSchedule)
    #expect(one.unfinishedSummary == many.unfinishedSummary)
  }

  @Test("a run that did not finish is reported as such, and no invariant is checked on it")
  func unfinished() throws {
    let checked = ExplorationCheck<PrintedRun>("never asked about a stopped run") { run in
      run.transcript.hasPrefix("[09:00:00] B") ? "checked a run that threw" : nil
    }
    let engine = ExplorationEngine(checks: [checked]) { race($0, throwing: true) }
    let findings = engine.explore(seeds: 0..<200)
    let bFirst = (UInt64(0)..<200).filter {
      race(.seed($0)).transcript.hasPrefix("[09:00:00] B")
    }
    #expect(findings.violations.isEmpty)
    #expect(findings.unfinished.map(\.seed) == bFirst)
    #expect(findings.finishedRuns == 200 - bFirst.count)
    #expect(findings.runs == 200)
    let first = try #require(findings.unfinished.first)
    #expect(first.failure == "BCameFirst()")
    #expect(first.run.transcript.hasPrefix("[09:00:00] B"))
    #expect(
      findings.unfinishedSummary
        == "\(bFirst.count) runs did not finish; the first, seed \(bFirst[0]): BCameFirst()\n")
    #expect(engine.run(.seed(bFirst[0])).finished == false)
    #expect(engine.run(.seed(bFirst[0])).broken.isEmpty)
  }

  @Test("replaying a violation's schedule repeats the run and the violation")
  func replay() throws {
    let engine = ExplorationEngine(checks: [aFirst]) { race($0) }
    let violation = try #require(engine.explore(seeds: 0..<100).violations.first)
    let schedule = try #require(violation.schedule)
    let replayed = engine.replay(try Schedule(text: schedule.text))
    #expect(replayed.runs == 1)
    #expect(replayed.violations.map(\.choice) == [.replay(schedule)])
    #expect(replayed.violations.first?.seed == nil)
    #expect(replayed.violations.first?.run.transcript == violation.run.transcript)
  }

  @Test("one unfinished run is summed up in one line naming how it was made")
  func oneUnfinished() {
    var findings = ExplorationFindings<PrintedRun>(invariants: ["x"])
    let stopped = PrintedRun(schedule: nil, transcript: "", failureDescription: "deadlock")
    findings.add(ExploredRun(choice: .replay(Schedule(preemptive: true)), run: stopped, broken: []))
    #expect(findings.unfinishedSummary == "1 run did not finish, the replayed schedule: deadlock\n")
    #expect(ScheduleChoice.canonical.description == "the canonical schedule")
    #expect(ScheduleChoice.seed(17).description == "seed 17")
  }
}
