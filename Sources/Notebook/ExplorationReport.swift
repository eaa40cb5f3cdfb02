import ConcurrencyRuntime

/// What an exploration found: how many runs, how many distinct interleavings, each broken
/// invariant with the seed and schedule that reproduce it, and the runs that did not finish.
///
///     report.violations.isEmpty   // true
///     report.distinctSchedules    // 100
public struct ExplorationReport: Sendable {
  /// The section explored.
  ///
  /// Its id, as the command line takes it.
  ///
  ///     report.sectionID   // "17.4"
  public var sectionID: String
  /// How many invariants each run was checked against.
  ///
  /// The summary says how many held.
  ///
  ///     report.invariantCount   // 4
  public var invariantCount: Int
  /// How many runs there were.
  ///
  /// One per seed, or one for a replayed schedule.
  ///
  ///     explorer.explore(seeds: 0..<10).runs   // 10
  public var runs = 0
  /// How many runs made different scheduling decisions.
  ///
  /// Distinct interleavings, as the scheduler saw them.
  ///
  ///     report.distinctSchedules   // 1000 of 1000 runs of 17.4
  public private(set) var distinctSchedules = 0
  /// How many runs printed different transcripts.
  ///
  /// Distinct interleavings, as a reader sees them.
  ///
  ///     report.distinctTranscripts   // 142 of 1000 runs of 17.4
  public private(set) var distinctTranscripts = 0
  /// Every broken invariant, in the order the runs met them.
  ///
  /// Empty when every invariant held in every run that finished.
  ///
  ///     report.violations.first?.seed   // the first seed that broke one
  public var violations: [Violation] = []
  /// The runs that stopped early (a cell threw, a deadlock, a replayed schedule that stopped
  /// fitting): counted among the runs, but holding or breaking no invariant.
  ///
  ///     report.unfinished.first?.failure   // "the replayed schedule stopped fitting …"
  public var unfinished: [UnfinishedRun<SectionRecording>] = []
  /// The knobs changed for the runs, which each violation's replay command repeats.
  ///
  ///     report.parameters.isEmpty   // true without --set
  public var parameters = ParameterSettings()

  /// An empty report for `sectionID`.
  ///
  /// The explorer fills it in.
  ///
  ///     ExplorationReport(sectionID: "17.4", invariantCount: 4).runs   // 0
  public init(sectionID: String, invariantCount: Int) {
    self.sectionID = sectionID
    self.invariantCount = invariantCount
  }

  /// The report of what the exploration engine found in runs of section `sectionID`, with
  /// the knobs of `parameters` changed.
  ///
  ///     ExplorationReport(sectionID: "17.4", findings: findings).runs == findings.runs   // true
  public init(
    sectionID: String, findings: ExplorationFindings<SectionRecording>,
    parameters: ParameterSettings = ParameterSettings()
  ) {
    self.init(sectionID: sectionID, invariantCount: findings.invariants.count)
    self.parameters = parameters
    runs = findings.runs
    distinctSchedules = findings.distinctSchedules
    distinctTranscripts = findings.distinctTranscripts
    firstSchedule = findings.firstSchedule
    cells = findings.parts
    unfinished = findings.unfinished
    violations = findings.violations.map { violation in
      Violation(
        sectionID: sectionID, seed: violation.seed, schedule: violation.schedule,
        invariant: violation.invariant, reason: violation.reason, parameters: parameters)
    }
  }

  /// The schedule of the first run counted.
  ///
  /// What `lessons explore --save-schedule` writes when nothing broke.
  ///
  ///     report.firstSchedule?.preemptive   // true for a seeded run
  public private(set) var firstSchedule: Schedule?

  /// Each cell, `In [n]`, with how many distinct schedules and outputs it had over the runs:
  /// which cells the interleavings come from (`lessons explore --cells`).
  ///
  ///     report.cells.last?.distinctSchedules   // 100 for 17.1's async cell, 100 seeds
  public private(set) var cells: [PartFindings] = []

  /// One line per cell: its distinct schedules and outputs, as `lessons explore --cells`
  /// prints them after the summary.
  ///
  ///     // In [6]: 100 distinct schedules, 1 distinct output
  public var cellLines: String {
    func count(_ number: Int, _ noun: String) -> String {
      "\(number) \(noun)\(number == 1 ? "" : "s")"
    }
    return cells.map { cell in
      "  \(cell.label): \(count(cell.distinctSchedules, "distinct schedule")), "
        + "\(count(cell.distinctOutputs, "distinct output"))\n"
    }.joined()
  }

  /// The report as `lessons explore` prints it, every line within 80 columns but a long
  /// reason or failure.
  ///
  /// Runs that did not finish get a line of their own, with the command that shows the first
  /// one, and the invariants are said to hold "in every run that finished".
  ///
  ///     // 17.4: 3 runs, 3 distinct schedules, 2 distinct transcripts
  ///     // 4 invariants held in every run
  public var summary: String {
    func count(_ number: Int, _ noun: String) -> String {
      "\(number) \(noun)\(number == 1 ? "" : "s")"
    }
    var text = "\(sectionID): \(count(runs, "run")), "
    text += "\(count(distinctSchedules, "distinct schedule")), "
    text += "\(count(distinctTranscripts, "distinct transcript"))\n"
    text += unfinishedLines
    if violations.isEmpty {
      if unfinished.isEmpty {
        text += "\(count(invariantCount, "invariant")) held in every run\n"
      } else if unfinished.count < runs {
        text += "\(count(invariantCount, "invariant")) held in every run that finished\n"
      } else {
        text += "no run finished, so no invariant was checked\n"
      }
      return text
    }
    text += "\(count(violations.count, "violation")) of "
    text += "\(count(invariantCount, "invariant")):\n"
    for violation in violations { text += violation.description }
    return text
  }

  /// How many runs did not finish, the first one's failure, and the command that shows it.
  private var unfinishedLines: String {
    guard let first = unfinished.first else { return "" }
    let run = first.seed.map { "seed \($0)" } ?? "the schedule"
    var text =
      unfinished.count == 1
      ? "1 run did not finish: \(run) stopped: \(first.failure)\n"
      : "\(unfinished.count) runs did not finish; the first, \(run), stopped: \(first.failure)\n"
    if let seed = first.seed {
      text += "  replay: \(Violation.replayCommand(sectionID, seed: seed, parameters))\n"
    }
    return text
  }
}
