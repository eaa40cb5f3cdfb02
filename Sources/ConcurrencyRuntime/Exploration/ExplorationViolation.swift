/// One invariant broken in one run, with the run and the choice that reproduces it.
///
///     let violation = findings.violations[0]
///     violation.choice      // .seed(17)
///     violation.invariant   // "prints done"
///     violation.reason      // "no done line"
public struct ExplorationViolation<Run: ExplorableRun>: Sendable {
  /// The seed, the canonical schedule or the replayed schedule the run was made under.
  ///
  ///     violation.choice.seed   // 17
  public var choice: ScheduleChoice
  /// The invariant's name.
  ///
  ///     violation.invariant   // "prints done"
  public var invariant: String
  /// What went wrong, in the invariant's words.
  ///
  ///     violation.reason   // "no done line"
  public var reason: String
  /// The run that broke it.
  ///
  ///     violation.run.transcript   // its whole output
  public var run: Run

  /// The run's seed, nil for the canonical schedule or a replay.
  ///
  ///     violation.seed   // 17
  public var seed: UInt64? { choice.seed }
  /// The run's decisions: replaying them repeats it exactly.
  ///
  ///     violation.schedule?.text.hasPrefix("lessons-schedule 1")   // true
  public var schedule: Schedule? { run.schedule }

  /// A violation with every field given.
  ///
  ///     ExplorationViolation(choice: .seed(1), invariant: "x", reason: "y", run: run).seed   // 1
  public init(choice: ScheduleChoice, invariant: String, reason: String, run: Run) {
    self.choice = choice
    self.invariant = invariant
    self.reason = reason
    self.run = run
  }
}
