import ConcurrencyRuntime
import Foundation

/// Runs a section in virtual time under many seeds (or one recorded schedule), counts the
/// distinct interleavings it meets and checks the section's invariants on each run that
/// finished.
///
/// Two runs interleaved alike when their recorded schedules are equal; two interleavings
/// look alike when their transcripts are equal. A violation keeps the seed and the schedule
/// that reproduce it; a run that stopped early (a cell threw, a deadlock) is reported as not
/// finished, never as an invariant broken. The exploring is ConcurrencyRuntime's
/// `ExplorationEngine`, the same as TranscriptTesting's `assertInvariants`; this is its face
/// for sections.
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
