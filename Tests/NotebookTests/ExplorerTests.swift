import ConcurrencyRuntime
import Foundation
import Notebook
import Testing

/// Two threads print `A` and `B`; the canonical schedule runs A first, other seeds may not.
private let race = Section(
  id: "0.2", title: "Race",
  blocks: [
    .cell(
      Cell(name: "race", source: "spawn A and B") {
        let runtime = Runtime.current
        let threads = ["A", "B"].map { name in
          runtime.spawn(name: name) { runtime.console.display(name) }
        }
        for thread in threads { thread.join() }
      })
  ],
  invariants: [
    Invariant("both threads print") { run in
      let text = run.cell(named: "race")?.output ?? ""
      return text.contains("] A") && text.contains("] B") ? nil : "a line is missing"
    }
  ])

/// Deliberately wrong: nothing orders the two threads.
private let aFirst = Invariant("A prints before B") { run in
  let text = run.cell(named: "race")?.output ?? ""
  guard let a = text.range(of: "] A"), let b = text.range(of: "] B") else { return "no line" }
  return a.lowerBound < b.lowerBound ? nil : "B came first"
}

@Suite("Explorer")
struct ExplorerTests {
  @Test("the section's own invariants hold under every seed, and seeds find both orders")
  func holds() {
    let report = Explorer(section: race).explore(seeds: 0..<200)
    #expect(report.runs == 200)
    #expect(report.violations.isEmpty, "\(report.summary)")
    #expect(report.distinctTranscripts == 2, "A then B, and B then A")
    #expect(report.distinctSchedules >= 2)
    #expect(report.summary.hasSuffix("1 invariant held in every run\n"))
  }

  @Test("a broken invariant is caught with the seed that reproduces it")
  func brokenInvariantSeed() throws {
    let explorer = Explorer(section: race, invariants: race.invariants + [aFirst])
    let report = explorer.explore(seeds: 0..<200)
    let violation = try #require(report.violations.first)
    #expect(violation.invariant == "A prints before B")
    #expect(violation.reason == "B came first")
    let seed = try #require(violation.seed)
    #expect(violation.replayCommand == "lessons 0.2 --virtual --seed \(seed)")
    #expect(report.summary.contains("seed \(seed) broke \"A prints before B\": B came first\n"))

    // The seed alone reproduces it.
    let again = explorer.explore(seeds: [seed])
    #expect(again.violations.map(\.invariant) == ["A prints before B"])
  }

  @Test("replaying a violation's schedule reproduces the run exactly")
  func brokenInvariantReplay() throws {
    let explorer = Explorer(section: race, invariants: [aFirst])
    let violation = try #require(explorer.explore(seeds: 0..<200).violations.first)
    let schedule = try #require(violation.schedule)
    let seed = try #require(violation.seed)

    let replayed = explorer.replay(try Schedule(text: schedule.text))
    #expect(replayed.violations.map(\.reason) == ["B came first"])
    #expect(replayed.violations.first?.seed == nil)
    #expect(replayed.violations.first?.schedule == schedule)

    var seeded = RuntimeConfiguration.VirtualSettings()
    seeded.seed = seed
    var replay = RuntimeConfiguration.VirtualSettings()
    replay.schedule = schedule
    #expect(explorer.check(replay).recording.text == explorer.check(seeded).recording.text)
  }

  @Test("the report is the same run on one thread or on several")
  func parallelism() {
    let explorer = Explorer(section: race, invariants: race.invariants + [aFirst])
    let one = explorer.explore(seeds: 0..<100, parallelism: 1)
    let four = explorer.explore(seeds: 0..<100, parallelism: 4)
    #expect(one.summary == four.summary)
    #expect(one.violations == four.violations)
    #expect(one.distinctSchedules == four.distinctSchedules)
  }

  @Test("the canonical schedule keeps the broken invariant: only exploring finds it")
  func canonicalHidesIt() {
    let (recording, broken) = Explorer(section: race, invariants: [aFirst]).check(.init())
    #expect(recording.failure == nil)
    #expect(broken.isEmpty)
  }

  @Test("a run that fails did not finish: reported as such, never as an invariant broken")
  func failureDidNotFinish() throws {
    let failing = Section(
      id: "0.3", title: "Fails",
      blocks: [.cell(Cell(name: "boom", source: "throw") { throw Failure() })],
      invariants: [Invariant("anything") { _ in "checked a run that did not finish" }])
    let report = Explorer(section: failing).explore(seeds: 0..<3)
    #expect(report.violations.isEmpty)
    #expect(report.unfinished.map(\.seed) == [0, 1, 2])
    let first = try #require(report.unfinished.first)
    #expect(first.failure.contains("the cell gave up"))
    #expect(report.summary.hasPrefix("0.3: 3 runs, "))
    #expect(
      report.summary.contains(
        "3 runs did not finish; the first, seed 0, stopped: \(first.failure)\n"
          + "  replay: lessons 0.3 --virtual --seed 0\n"))
    #expect(report.summary.hasSuffix("no run finished, so no invariant was checked\n"))
    #expect(Explorer(section: failing).check(.init()).broken.isEmpty)
  }

  @Test("runs that finished are checked, the others only counted")
  func someFinish() throws {
    // Seeds that run B first throw; the others run through and keep the invariant.
    let flaky = Section(
      id: "0.4", title: "Flaky",
      blocks: [
        .cell(
          Cell(name: "race", source: "spawn A and B, throw when B came first") {
            let runtime = Runtime.current
            let order = Order()
            let threads = ["A", "B"].map { name in
              runtime.spawn(name: name) {
                order.append(name)
                runtime.console.display(name)
              }
            }
            for thread in threads { thread.join() }
            if order.names.first == "B" { throw Failure() }
          })
      ],
      invariants: [
        Invariant("A prints before B") { run in
          let text = run.cell(named: "race")?.output ?? ""
          guard let a = text.range(of: "] A"), let b = text.range(of: "] B") else { return "no" }
          return a.lowerBound < b.lowerBound ? nil : "B came first"
        }
      ])
    let report = Explorer(section: flaky).explore(seeds: 0..<100)
    #expect(report.violations.isEmpty, "\(report.summary)")
    #expect(!report.unfinished.isEmpty)
    #expect(report.unfinished.count < report.runs)
    #expect(report.summary.hasSuffix("1 invariant held in every run that finished\n"))
  }
}

/// The names appended from several simulated threads, in order.
private final class Order: @unchecked Sendable {  // the array is touched only under the lock
  private let lock = NSLock()
  private var list: [String] = []
  func append(_ name: String) { lock.withLock { list.append(name) } }
  var names: [String] { lock.withLock { list } }
}
