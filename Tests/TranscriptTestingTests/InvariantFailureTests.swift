import ConcurrencyRuntime
import Foundation
import GoldenFiles
import Testing

@testable import TranscriptTesting

/// Two async tasks that each sleep 100 ms on the runtime's clock and then print: their
/// timers fall due at the same instant, so the seed picks which task wakes first.
@Sendable func twoSleepers() async throws {
  let runtime = Runtime.current
  let clock = runtime.clock
  try await withThrowingTaskGroup(of: Void.self) { group in
    for name in ["first", "second"] {
      group.addTask {
        try await Task.sleep(for: .milliseconds(100), clock: clock)
        runtime.console.display("\(name) woke")
      }
    }
    try await group.waitForAll()
  }
}

/// Deliberately wrong about ``twoSleepers``: the canonical schedule keeps it, some seeds not.
let firstWakesFirst = RunInvariant("first wakes first") { run in
  guard let first = run.output.range(of: "first woke"),
    let second = run.output.range(of: "second woke")
  else { return "a task never woke" }
  return first.lowerBound < second.lowerBound ? nil : "second woke first"
}

/// The issues' messages, gathered from a `withKnownIssue` matcher.
final class Messages: @unchecked Sendable {  // the list is touched only under the lock
  private let lock = NSLock()
  private var list: [String] = []
  func add(_ issue: Issue) -> Bool {
    lock.withLock { list.append(issue.comments.map(\.rawValue).joined(separator: "\n")) }
    return true
  }
  var all: [String] { lock.withLock { list } }
}

@Suite("assertInvariants' failures")
struct InvariantFailureTests {
  @Test("async code: a planted violation is found, its message has the seed, a diff, a replay")
  func plantedAsync() throws {
    let messages = Messages()
    var violations: [RunViolation] = []
    withKnownIssue {
      violations = assertInvariants(
        [firstWakesFirst], seeds: 0..<200, environment: [:], twoSleepers)
    } matching: {
      messages.add($0)
    }
    let violation = try #require(violations.first)
    let seed = try #require(violation.seed)
    #expect(violations.allSatisfy { $0.reason == "second woke first" })
    #expect(violation.run.output == "[09:00:00] second woke\n[09:00:00] first woke\n")
    #expect(
      RecordedRun.record(twoSleepers).output == "[09:00:00] first woke\n[09:00:00] second woke\n")
    #expect(messages.all.count == 1, "one message per broken invariant")
    let message = try #require(messages.all.first)
    let diff = UnifiedDiffText.of(
      canonical: RecordedRun.record(twoSleepers).output, run: violation.run.output,
      seed: seed)
    #expect(
      message.hasPrefix(
        "seed \(seed) broke \"first wakes first\": second woke first\n"))
    #expect(message.contains("(and \(violations.count - 1) more runs broke it)\n"))
    #expect(message.contains("its output against the canonical run's:\n" + diff))
    #expect(message.contains("\nreplay: LESSONS_SEED=\(seed) swift test --filter plantedAsync\n"))
    #expect(message.contains("its schedule:\nlessons-schedule 1 preemptive\n"))
  }

  @Test("LESSONS_SEED runs that seed alone and shows its whole output")
  func seedReplay() throws {
    let seed = try #require(
      findViolations([firstWakesFirst], seeds: 0..<200, twoSleepers).first?.seed)
    let messages = Messages()
    var violations: [RunViolation] = []
    withKnownIssue {
      violations = assertInvariants(
        [firstWakesFirst], seeds: 0..<200, environment: ["LESSONS_SEED": "\(seed)"],
        twoSleepers)
    } matching: {
      messages.add($0)
    }
    #expect(violations.map(\.seed) == [seed])
    let whole = RecordedRun.record(seed: seed, twoSleepers).output
    let message = try #require(messages.all.first)
    #expect(message.contains("its whole output:\n" + whole))
    #expect(!message.contains("--- the canonical run"))
    #expect(message.contains("replay: LESSONS_SEED=\(seed) swift test --filter seedReplay\n"))

    // A seed that keeps the invariant passes, though other seeds of 0..<200 break it: only
    // that seed ran.
    let broken = Set(
      findViolations([firstWakesFirst], seeds: 0..<200, twoSleepers).compactMap(\.seed))
    let keeping = try #require((UInt64(0)..<200).first { !broken.contains($0) })
    #expect(
      assertInvariants(
        [firstWakesFirst], seeds: 0..<200, environment: ["LESSONS_SEED": "\(keeping)"],
        twoSleepers
      ).isEmpty)
  }

  @Test("a replay variable set to nonsense fails with one line and runs nothing")
  func badVariables() {
    let messages = Messages()
    withKnownIssue {
      assertInvariants([firstWakesFirst], environment: ["LESSONS_SEED": "soon"], twoSleepers)
      assertInvariants(
        [firstWakesFirst], environment: ["LESSONS_SCHEDULE": "/no/such.schedule"], twoSleepers)
    } matching: {
      messages.add($0)
    }
    #expect(
      messages.all == [
        "LESSONS_SEED must be a whole number from 0, not 'soon'",
        "LESSONS_SCHEDULE: cannot read /no/such.schedule",
      ])
  }

  @Test("a long schedule goes to a file beside the test, which LESSONS_SCHEDULE replays")
  func longSchedule() throws {
    let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .appendingPathComponent("__Transcripts__")
    let file = folder.appendingPathComponent("longSchedule.schedule")
    defer { try? FileManager.default.removeItem(at: file) }
    let never = RunInvariant("ten threads print in order") { run in
      let names = run.output.split(separator: "\n").map { $0.dropFirst(11) }
      return names == (0..<10).flatMap { t in (0..<3).map { "\(t).\($0)"[...] } }
        ? nil : "they interleaved"
    }
    let messages = Messages()
    var violations: [RunViolation] = []
    withKnownIssue {
      violations = assertInvariants([never], seeds: [5], environment: [:], tenThreads)
    } matching: {
      messages.add($0)
    }
    let violation = try #require(violations.first)
    let schedule = try #require(violation.schedule)
    #expect(schedule.text.split(separator: "\n").count > 3)
    let message = try #require(messages.all.first)
    #expect(message.contains("is in \(file.path);\n"))
    #expect(
      message.contains(
        "replay exactly that schedule: LESSONS_SCHEDULE=\(file.path) swift test --filter"
          + " longSchedule\n"))
    #expect(!message.contains(schedule.text))
    #expect(try Schedule(text: String(contentsOf: file, encoding: .utf8)) == schedule)

    let replayMessages = Messages()
    var replayed: [RunViolation] = []
    withKnownIssue {
      replayed = assertInvariants(
        [never], seeds: 0..<100, environment: ["LESSONS_SCHEDULE": file.path], tenThreads)
    } matching: {
      replayMessages.add($0)
    }
    #expect(replayed.count == 1)
    #expect(replayed.first?.seed == nil)
    #expect(replayed.first?.run.output == violation.run.output)
    let replayMessage = try #require(replayMessages.all.first)
    #expect(replayMessage.hasPrefix("the replayed schedule broke \"ten threads print in order\""))
    #expect(replayMessage.contains("its whole output:\n" + violation.run.output))
    #expect(replayMessage.contains("replay: LESSONS_SCHEDULE=\(file.path) swift test --filter"))

    // Once the test passes over every seed, the schedule file goes.
    #expect(FileManager.default.fileExists(atPath: file.path))
    #expect(assertInvariants([], seeds: [5], environment: [:], tenThreads).isEmpty)
    #expect(!FileManager.default.fileExists(atPath: file.path))
  }

  @Test("runs that did not finish are reported as such, and break no invariant")
  func unfinished() throws {
    let asked = RunInvariant("never asked about a stopped run") { run in
      run.failure == nil ? nil : "checked a run that did not finish"
    }
    let messages = Messages()
    var violations: [RunViolation] = []
    withKnownIssue {
      violations = assertInvariants([asked], seeds: 0..<50, environment: [:]) {
        () async throws in
        try await twoSleepers()
        struct SecondFirst: Error {}
        // Throws in the runs where the second task woke first.
        let text = Runtime.current.trace.events.compactMap { event -> String? in
          if case .output(let text) = event.kind { return text }
          return nil
        }.joined()
        if text.hasPrefix("[09:00:00] second") { throw SecondFirst() }
      }
    } matching: {
      messages.add($0)
    }
    #expect(violations.isEmpty)
    let stopped = exploreRunsOfStoppingBody()
    #expect(!stopped.unfinished.isEmpty && stopped.finishedRuns > 0)
    let first = try #require(stopped.unfinished.first)
    let message = try #require(messages.all.first)
    #expect(messages.all.count == 1)
    #expect(
      message.hasPrefix(
        "\(stopped.unfinished.count) runs did not finish; the first, seed \(first.seed!): "
          + "the body threw SecondFirst: SecondFirst()\n"))
    #expect(message.contains("replay: LESSONS_SEED=\(first.seed!) swift test --filter unfinished"))
  }
}

/// The same stopping body as `unfinished`, explored directly.
private func exploreRunsOfStoppingBody() -> ExplorationFindings<RecordedRun> {
  exploreRuns([], seeds: 0..<50) { () async throws in
    try await twoSleepers()
    struct SecondFirst: Error {}
    let text = Runtime.current.trace.events.compactMap { event -> String? in
      if case .output(let text) = event.kind { return text }
      return nil
    }.joined()
    if text.hasPrefix("[09:00:00] second") { throw SecondFirst() }
  }
}

/// Ten threads that each print three lines, yielding between them: a long seeded schedule.
@Sendable func tenThreads() {
  let runtime = Runtime.current
  let threads = (0..<10).map { t in
    runtime.spawn(name: "T\(t)") {
      for line in 0..<3 { runtime.console.display("\(t).\(line)") }
    }
  }
  for thread in threads { thread.join() }
}

/// The diff the message shows, made the way the message makes it.
enum UnifiedDiffText {
  static func of(canonical: String, run: String, seed: UInt64) -> String {
    let diff = UnifiedDiff(
      old: canonical, new: run, oldLabel: "the canonical run (seed nil)", newLabel: "seed \(seed)")
    return "\(diff)"
  }
}
