/// A run that stopped before it finished (it threw, deadlocked, or the runtime ended it):
/// reported as such, never as an invariant held or broken.
///
///     let stopped = findings.unfinished[0]
///     stopped.choice    // .seed(5)
///     stopped.failure   // "deadlock: every thread is blocked: …"
public struct UnfinishedRun<Run: ExplorableRun>: Sendable {
  /// The seed, the canonical schedule or the replayed schedule the run was made under.
  ///
  ///     stopped.choice.seed   // 5
  public var choice: ScheduleChoice
  /// Why it stopped, as the run tells it.
  ///
  ///     stopped.failure   // "the replayed schedule stopped fitting the run at decision 2"
  public var failure: String
  /// The run, with what it printed up to the failure.
  ///
  ///     stopped.run.transcript   // the output before it stopped
  public var run: Run

  /// The run's seed, nil for the canonical schedule or a replay.
  ///
  ///     stopped.seed   // 5
  public var seed: UInt64? { choice.seed }
  /// The run's decisions up to the failure.
  ///
  ///     stopped.schedule?.decisions.count   // 40
  public var schedule: Schedule? { run.schedule }

  /// An unfinished run with every field given.
  ///
  ///     UnfinishedRun(choice: .seed(5), failure: "boom", run: run).seed   // 5
  public init(choice: ScheduleChoice, failure: String, run: Run) {
    self.choice = choice
    self.failure = failure
    self.run = run
  }
}
