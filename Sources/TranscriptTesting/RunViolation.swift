import ConcurrencyRuntime

/// One invariant broken in one run: the run itself, and the seed and the schedule that
/// reproduce it.
///
///     print(violation, terminator: "")
///     // seed 17 broke "consumed in produced order": item 2 never arrived
///     // replay it with RecordedRun.record(seed: 17) or with this schedule:
///     // lessons-schedule 1 preemptive
///     // 0/2 1/2 …
public struct RunViolation: Sendable, Equatable, CustomStringConvertible {
  /// The run's seed, nil when it replayed a schedule.
  ///
  /// `RecordedRun.record(seed:_:)` with it repeats the run.
  ///
  ///     violation.seed   // 17
  public var seed: UInt64?
  /// The run's decisions, which replay it exactly.
  ///
  /// Its `text` can be kept in a file and read back with `Schedule(text:)`.
  ///
  ///     violation.schedule?.text.hasPrefix("lessons-schedule 1 preemptive")   // true
  public var schedule: Schedule?
  /// The invariant broken.
  ///
  /// Its name, as declared.
  ///
  ///     violation.invariant   // "consumed in produced order"
  public var invariant: String
  /// What went wrong.
  ///
  /// The check's own words.
  ///
  ///     violation.reason   // "item 2 never arrived"
  public var reason: String
  /// The run that broke it: its whole output, its events and its schedule.
  ///
  ///     print(violation.run.output, terminator: "")
  ///     // [09:00:00] put 0
  ///     // …
  public var run: RecordedRun

  /// A violation with every field given; without `run`, of a run that printed nothing.
  ///
  /// `findViolations` makes them; tests of reports may too.
  ///
  ///     RunViolation(seed: 1, schedule: nil, invariant: "x", reason: "y").seed   // 1
  public init(
    seed: UInt64?, schedule: Schedule?, invariant: String, reason: String,
    run: RecordedRun? = nil
  ) {
    self.seed = seed
    self.schedule = schedule
    self.invariant = invariant
    self.reason = reason
    self.run =
      run ?? RecordedRun(output: "", events: [], seed: seed, schedule: schedule, failure: nil)
  }

  /// The violation the exploration engine found.
  init(_ violation: ExplorationViolation<RecordedRun>) {
    self.init(
      seed: violation.seed, schedule: violation.schedule, invariant: violation.invariant,
      reason: violation.reason, run: violation.run)
  }

  /// What broke, under which seed, and the schedule's text form.
  ///
  /// The first lines of what `assertInvariants` reports.
  ///
  ///     print(violation, terminator: "")
  ///     // seed 17 broke "consumed in produced order": item 2 never arrived
  ///     // replay it with RecordedRun.record(seed: 17) or with this schedule: …
  public var description: String {
    var text = "\(runName) broke \"\(invariant)\": \(reason)\n"
    if let seed {
      text += "replay it with RecordedRun.record(seed: \(seed)) or with this schedule:\n"
    } else {
      text += "replay it with RecordedRun.record(schedule:) and this schedule:\n"
    }
    text += schedule?.text ?? "(no schedule was recorded)\n"
    return text
  }

  /// `seed 17`, or `the replayed schedule`.
  var runName: String { seed.map { "seed \($0)" } ?? "the replayed schedule" }

  /// Equal when every field is, the run compared by its output, events and schedule.
  ///
  ///     RunViolation(seed: 1, schedule: nil, invariant: "x", reason: "y")
  ///       == RunViolation(seed: 1, schedule: nil, invariant: "x", reason: "y")   // true
  public static func == (left: RunViolation, right: RunViolation) -> Bool {
    left.seed == right.seed && left.schedule == right.schedule
      && left.invariant == right.invariant && left.reason == right.reason
      && left.run.output == right.run.output && left.run.events == right.run.events
      && left.run.schedule == right.run.schedule
  }
}
