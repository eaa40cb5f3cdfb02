import ConcurrencyRuntime

/// Something a section promises about every valid interleaving of its run, said in words and
/// checked in code over the run's typed events.
///
/// A section declares its invariants next to its cells; `lessons explore` and the tests run
/// the section under many seeds and check each one. The check returns nil when the invariant
/// holds, or one line saying what went wrong.
///
///     let inOrder = Invariant("results in input order") { run in
///       let order = run.cell(named: "executor-map")?.output.contains("result 0") ?? false
///       return order ? nil : "no result 0"
///     }
///     inOrder.violation(in: recording)   // nil
public struct Invariant: Sendable {
  /// What the invariant promises, in a few words.
  ///
  /// `lessons explore` quotes it when it breaks.
  ///
  ///     inOrder.name   // "results in input order"
  public var name: String { check.name }
  let check: ExplorationCheck<SectionRecording>

  /// An invariant named `name`; `check` returns nil when it holds, or what went wrong.
  ///
  /// The check reads the run's ``SectionRecording``.
  ///
  ///     Invariant("makespan 5 s") { run in
  ///       run.cell(named: "executor-map")?.duration == .seconds(5) ? nil : "not 5 s"
  ///     }
  public init(_ name: String, check: @escaping @Sendable (SectionRecording) -> String?) {
    self.check = ExplorationCheck(name, check: check)
  }

  /// What went wrong in `recording`, or nil when the invariant holds.
  ///
  /// It reads the recording as it is, finished or not: the explorer asks it only about runs
  /// that ran through, and reports the others as not finished.
  ///
  ///     Invariant("ran") { _ in nil }.violation(in: recording)   // nil
  public func violation(in recording: SectionRecording) -> String? {
    check.violation(in: recording)
  }
}

/// A whole run of a section, as invariants read it: each cell's record, the text it rendered,
/// every trace event and the scheduler's decisions.
///
///     let recording = NotebookRunner(configuration: .virtual(seed: 7)).record(section)
///     recording.cell(named: "executor-map")?.duration   // 5.0 seconds
///     recording.schedule?.decisions.count               // 93
public struct SectionRecording: Sendable {
  /// The section's id.
  ///
  /// As the command line takes it.
  ///
  ///     recording.sectionID   // "17.4"
  public var sectionID: String
  /// What each cell that ran did, in order.
  ///
  /// Each with its output, events and times.
  ///
  ///     recording.cells.map(\.name)   // ["loiter", "executor-map", "two-seeds"]
  public var cells: [CellRecord]
  /// The section as plain text, as `--virtual` prints it.
  ///
  /// Two runs with equal text look alike to a reader.
  ///
  ///     recording.text.hasPrefix("17.4  Experimenting with Executor.map")   // true
  public var text: String
  /// Every event of the run, in order.
  ///
  /// The whole trace, cells' start and end events included.
  ///
  ///     recording.events.first?.kind   // .cellStarted(1)
  public var events: [TraceEvent]
  /// The virtual scheduler's decisions (nil for a live run): replaying them repeats the run.
  ///
  /// Two runs with equal schedules interleaved alike.
  ///
  ///     recording.schedule?.decisions.count   // 93
  public var schedule: Schedule?
  /// Why the run stopped early (a cell threw, a deadlock), or nil when it ran through.
  ///
  /// A failed run did not finish: the explorer checks no invariant on it.
  ///
  ///     recording.failure   // nil
  public var failure: String?
  /// The values of the section's knobs in force for the run.
  ///
  /// Invariants that depend on a knob read it here.
  ///
  ///     recording.parameters.workers   // 3
  public var parameters: ParameterValues

  /// A recording with every field given.
  ///
  /// `NotebookRunner.record` makes them; tests of invariants may too.
  ///
  ///     SectionRecording(sectionID: "0.1", cells: [], text: "", events: [], schedule: nil,
  ///                      failure: nil).cells.isEmpty   // true
  public init(
    sectionID: String, cells: [CellRecord], text: String, events: [TraceEvent],
    schedule: Schedule?, failure: String?, parameters: ParameterValues = ParameterValues()
  ) {
    self.parameters = parameters
    self.sectionID = sectionID
    self.cells = cells
    self.text = text
    self.events = events
    self.schedule = schedule
    self.failure = failure
  }

  /// The record of the cell named `name`, if it ran.
  ///
  ///     recording.cell(named: "loiter")?.number   // 1
  public func cell(named name: String) -> CellRecord? {
    cells.first { $0.name == name }
  }
}
