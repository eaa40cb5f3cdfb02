import ConcurrencyRuntime
import Foundation

/// Runs a section in virtual time under many seeds (or one recorded schedule), counts the
/// distinct interleavings it meets and checks the section's invariants on each run.
///
/// Two runs interleaved alike when their recorded schedules are equal; two interleavings
/// look alike when their transcripts are equal. A violation keeps the seed and the schedule
/// that reproduce it.
///
///     let report = Explorer(section: section).explore(seeds: 0..<100)
///     print(report.summary, terminator: "")
///     // 17.4: 100 runs, 100 distinct schedules, 37 distinct transcripts
///     // 4 invariants held in every run
public struct Explorer: Sendable {
  /// The section explored.
  ///
  /// Run whole, every cell, once per seed.
  ///
  ///     Explorer(section: section).section.id   // "17.4"
  public let section: Section
  /// The invariants checked: the section's own unless given.
  ///
  /// A test may add a deliberately wrong one to see it caught.
  ///
  ///     Explorer(section: section).invariants.count   // 4 for 17.4
  public let invariants: [Invariant]
  /// The virtual settings every run starts from; each run sets its own seed or schedule.
  ///
  /// The defaults are the transcripts' (4 CPUs, 09:00:00).
  ///
  ///     Explorer(section: section).settings.cpuCount   // 4
  public let settings: RuntimeConfiguration.VirtualSettings
  /// The knobs changed for every run (`lessons explore 17.4 --set workers=5`); invariants
  /// read the values in force from the recording.
  ///
  ///     Explorer(section: section).parameters.isEmpty   // true
  public let parameters: ParameterSettings

  /// An explorer of `section` that checks `invariants` (the section's by default), with the
  /// knobs of `parameters` changed.
  ///
  /// Nothing runs until ``explore(seeds:parallelism:)`` or ``replay(_:)``.
  ///
  ///     let explorer = Explorer(section: section, invariants: section.invariants + [wrong])
  public init(
    section: Section, invariants: [Invariant]? = nil,
    settings: RuntimeConfiguration.VirtualSettings = .init(),
    parameters: ParameterSettings = ParameterSettings()
  ) {
    self.section = section
    self.invariants = invariants ?? section.invariants
    self.settings = settings
    self.parameters = parameters
  }

  /// Runs the section once per seed and reports what it found, in the order of the seeds.
  ///
  ///     explorer.explore(seeds: 0..<1000).distinctSchedules   // 1000
  ///
  /// Runs are independent simulations, so they are spread over `parallelism` OS threads (the
  /// machine's cores by default); the report is the same whatever the parallelism.
  public func explore(
    seeds: some Sequence<UInt64>,
    parallelism: Int = ProcessInfo.processInfo.activeProcessorCount
  ) -> ExplorationReport {
    ExplorationReport(
      sectionID: section.id, findings: engine.explore(seeds: seeds, parallelism: parallelism),
      parameters: parameters)
  }

  /// Replays `schedule` exactly, once, and reports it as a one-run exploration.
  ///
  /// A schedule that stops fitting the run makes a run that did not finish, reported as such.
  ///
  ///     explorer.replay(violation.schedule!).violations.first?.reason   // the same reason
  public func replay(_ schedule: Schedule) -> ExplorationReport {
    ExplorationReport(
      sectionID: section.id, findings: engine.replay(schedule), parameters: parameters)
  }

  /// One run under `settings` and the invariants it broke, with why.
  ///
  /// A run that stopped early (its `failure` says why) did not finish: no invariant is
  /// checked on it, so none is broken.
  ///
  ///     explorer.check(.init()).broken.isEmpty   // true on the canonical schedule
  public func check(_ settings: RuntimeConfiguration.VirtualSettings)
    -> (recording: SectionRecording, broken: [(invariant: String, reason: String)])
  {
    let choice: ScheduleChoice =
      settings.schedule.map { .replay($0) } ?? settings.seed.map { .seed($0) } ?? .canonical
    let explored = engine.check(record(settings), under: choice)
    return (explored.run, explored.broken.map { ($0.invariant, $0.reason) })
  }

  /// The one exploration engine, recording this section under ``settings`` with each run's
  /// seed or schedule.
  private var engine: ExplorationEngine<SectionRecording> {
    let explorer = self
    return ExplorationEngine(checks: invariants.map(\.check)) { choice in
      var settings = explorer.settings
      settings.seed = choice.seed
      settings.schedule = choice.replayedSchedule
      return explorer.record(settings)
    }
  }

  /// The section run whole under `settings`.
  private func record(_ settings: RuntimeConfiguration.VirtualSettings) -> SectionRecording {
    NotebookRunner(configuration: .virtual(settings), parameters: parameters).record(section)
  }
}

/// What an exploration found: how many runs, how many distinct interleavings, and each
/// broken invariant with the seed and schedule that reproduce it.
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

  /// The report as `lessons explore` prints it, every line within 80 columns but a long
  /// reason.
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

/// One invariant broken in one run, and how to run it again.
///
///     print(violation, terminator: "")
///     // seed 17 broke "results in input order": result 1 came before result 0
///     //   replay: lessons 17.4 --virtual --seed 17
public struct Violation: Sendable, Equatable, CustomStringConvertible {
  /// The section.
  ///
  /// Its id, for the replay command.
  ///
  ///     violation.sectionID   // "17.4"
  public var sectionID: String
  /// The seed of the run, nil when it replayed a schedule.
  ///
  /// `lessons SECTION --virtual --seed N` shows that run.
  ///
  ///     violation.seed   // 17
  public var seed: UInt64?
  /// The run's decisions: replaying them repeats it exactly.
  ///
  /// `lessons explore SECTION --schedule FILE` reads their text form.
  ///
  ///     violation.schedule?.decisions.isEmpty   // false
  public var schedule: Schedule?
  /// The invariant's name.
  ///
  /// As the section declares it.
  ///
  ///     violation.invariant   // "results in input order"
  public var invariant: String
  /// What went wrong.
  ///
  /// The invariant's own words.
  ///
  ///     violation.reason   // "results came in the order [1, 0, 2, 3, 4]"
  public var reason: String
  /// The knobs changed for the run, which the replay command repeats.
  ///
  ///     violation.parameters.assignments.map(\.name)   // ["workers"]
  public var parameters: ParameterSettings

  /// A violation with every field given; without `parameters`, of a run at the defaults.
  ///
  ///     Violation(sectionID: "17.4", seed: 17, schedule: nil, invariant: "results in input order",
  ///               reason: "result 1 came first").replayCommand
  ///     // "lessons 17.4 --virtual --seed 17"
  public init(
    sectionID: String, seed: UInt64?, schedule: Schedule?, invariant: String, reason: String,
    parameters: ParameterSettings = ParameterSettings()
  ) {
    self.sectionID = sectionID
    self.seed = seed
    self.schedule = schedule
    self.invariant = invariant
    self.reason = reason
    self.parameters = parameters
  }

  /// The command that shows the run again, when it had a seed.
  ///
  ///     violation.replayCommand   // "lessons 17.4 --virtual --seed 17"
  public var replayCommand: String? {
    seed.map { Self.replayCommand(sectionID, seed: $0, parameters) }
  }

  /// `lessons SECTION --virtual --seed N`, with the changed knobs.
  static func replayCommand(
    _ sectionID: String, seed: UInt64, _ parameters: ParameterSettings
  ) -> String {
    let sets = parameters.assignments.map { " --set \($0.name)=\($0.text)" }.joined()
    return "lessons \(sectionID) --virtual --seed \(seed)\(sets)"
  }

  /// Two lines: what broke, then the command that replays it.
  ///
  ///     print(violation, terminator: "")
  ///     // seed 17 broke "results in input order": …
  ///     //   replay: lessons 17.4 --virtual --seed 17
  public var description: String {
    let run = seed.map { "seed \($0)" } ?? "the schedule"
    var text = "\(run) broke \"\(invariant)\": \(reason)\n"
    if let replayCommand { text += "  replay: \(replayCommand)\n" }
    return text
  }
}
