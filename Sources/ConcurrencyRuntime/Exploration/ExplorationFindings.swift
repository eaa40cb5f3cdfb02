/// What an exploration found: how many runs, how many distinct interleavings, each broken
/// invariant with the run that broke it, and the runs that did not finish.
///
/// A run that did not finish is counted among the runs and their distinct schedules and
/// transcripts, but no invariant was checked on it: it neither holds nor breaks one.
///
///     let findings = engine.explore(seeds: 0..<100)
///     findings.runs                 // 100
///     findings.distinctSchedules    // 100
///     findings.violations.isEmpty   // true
///     findings.unfinished.isEmpty   // true
public struct ExplorationFindings<Run: ExplorableRun>: Sendable {
  /// The names of the invariants checked, in order.
  ///
  ///     findings.invariants   // ["prints done"]
  public var invariants: [String]
  /// How many runs there were, finished or not.
  ///
  ///     engine.explore(seeds: 0..<10).runs   // 10
  public private(set) var runs = 0
  /// Each part of the runs (``ExplorableRun/parts``), in the order first met, with its own
  /// counts of distinct schedules and outputs.
  ///
  ///     findings.parts.map(\.label)   // ["In [1]", "In [2]", …]
  public private(set) var parts: [PartFindings] = []
  /// Every broken invariant, in the order the runs met them.
  ///
  ///     findings.violations.first?.choice   // .seed(17)
  public private(set) var violations: [ExplorationViolation<Run>] = []
  /// Every run that did not finish, in order.
  ///
  ///     findings.unfinished.first?.failure   // "deadlock: every thread is blocked: …"
  public private(set) var unfinished: [UnfinishedRun<Run>] = []
  /// The schedule of the first run counted.
  ///
  ///     findings.firstSchedule?.preemptive   // true for a seeded run
  public private(set) var firstSchedule: Schedule?
  private var schedules = Set<Schedule>()
  private var transcripts = Set<String>()

  /// How many runs made different scheduling decisions: distinct interleavings, as the
  /// scheduler saw them.
  ///
  ///     findings.distinctSchedules   // 1000 of 1000 runs of 17.4
  public var distinctSchedules: Int { schedules.count }
  /// How many runs printed different transcripts: distinct interleavings, as a reader sees
  /// them.
  ///
  ///     findings.distinctTranscripts   // 142 of 1000 runs of 17.4
  public var distinctTranscripts: Int { transcripts.count }
  /// How many runs ran through, so that every invariant was checked on them.
  ///
  ///     findings.finishedRuns   // findings.runs - findings.unfinished.count
  public var finishedRuns: Int { runs - unfinished.count }

  /// Nothing found yet, about `invariants`.
  ///
  ///     ExplorationFindings<Printed>(invariants: ["x"]).runs   // 0
  public init(invariants: [String]) {
    self.invariants = invariants
  }

  /// Counts one explored run.
  ///
  ///     findings.add(engine.run(.seed(3)))
  ///     findings.runs   // 1
  public mutating func add(_ explored: ExploredRun<Run>) {
    for part in explored.run.parts {
      if let index = parts.firstIndex(where: { $0.label == part.label }) {
        parts[index].add(part)
      } else {
        var found = PartFindings(label: part.label)
        found.add(part)
        parts.append(found)
      }
    }
    runs += 1
    let schedule = explored.run.schedule
    if runs == 1 { firstSchedule = schedule }
    if let schedule { schedules.insert(schedule) }
    transcripts.insert(explored.run.transcript)
    if let failure = explored.run.failureDescription {
      unfinished.append(UnfinishedRun(choice: explored.choice, failure: failure, run: explored.run))
    }
    for broken in explored.broken {
      violations.append(
        ExplorationViolation(
          choice: explored.choice, invariant: broken.invariant, reason: broken.reason,
          run: explored.run))
    }
  }

  /// One line about the runs that did not finish, naming the first one's schedule and
  /// failure; nil when every run finished.
  ///
  ///     findings.unfinishedSummary
  ///     // "3 runs did not finish; the first, seed 5: deadlock: every thread is blocked: …\n"
  public var unfinishedSummary: String? {
    guard let first = unfinished.first else { return nil }
    if unfinished.count == 1 { return "1 run did not finish, \(first.choice): \(first.failure)\n" }
    return "\(unfinished.count) runs did not finish; the first, \(first.choice): \(first.failure)\n"
  }
}
