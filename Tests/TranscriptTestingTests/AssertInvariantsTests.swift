import ConcurrencyRuntime
import Testing
import TranscriptTesting

@Suite("assertInvariants")
struct AssertInvariantsTests {
  @Test("invariants that hold pass under 200 seeds")
  func holding() {
    let both = RunInvariant("both threads print") { run in
      run.output.contains("] A\n") && run.output.contains("] B\n") ? nil : "a line is missing"
    }
    let inOrder = RunInvariant("results in input order") { run in
      let results = run.output.split(separator: "\n").filter { $0.contains("] result ") }
      return results.map { $0.dropFirst(11) } == ["result 30", "result 10", "result 20"]
        ? nil : "results came as \(results)"
    }
    #expect(assertInvariants([both], seeds: 0..<200, twoThreads).isEmpty)
    #expect(assertInvariants([inOrder], seeds: 0..<200, threeJobs).isEmpty)
  }

  @Test("a broken invariant fails at the caller's line, naming the seed and the schedule")
  func broken() throws {
    var violations: [RunViolation] = []
    let line = #line + 2
    withKnownIssue {
      violations = assertInvariants([aBeforeB], seeds: 0..<200, twoThreads)
    } matching: { issue in
      issue.sourceLocation?.line == line
        && issue.comments.map(\.rawValue).joined().contains("broke \"A prints before B\"")
    }
    #expect(!violations.isEmpty)
    #expect(violations.allSatisfy { $0.invariant == "A prints before B" })
  }

  @Test("the seed and the schedule of a violation each reproduce it")
  func reproduces() throws {
    let violation = try #require(findViolations([aBeforeB], seeds: 0..<200, twoThreads).first)
    #expect(violation.reason == "B came first")
    let seed = try #require(violation.seed)
    #expect(violation.description.hasPrefix("seed \(seed) broke \"A prints before B\""))
    #expect(violation.run.output == RecordedRun.record(seed: seed, twoThreads).output)
    let bySeed = RecordedRun.record(seed: seed, twoThreads)
    #expect(aBeforeB.violation(in: bySeed) == "B came first")
    let schedule = try Schedule(text: try #require(violation.schedule).text)
    let bySchedule = RecordedRun.record(schedule: schedule, twoThreads)
    #expect(aBeforeB.violation(in: bySchedule) == "B came first")
    #expect(bySchedule.output == bySeed.output)
  }

  @Test("the canonical schedule keeps the wrong invariant: only seeds find it")
  func canonical() {
    #expect(aBeforeB.violation(in: RecordedRun.record(twoThreads)) == nil)
  }
}
