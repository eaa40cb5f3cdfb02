/// One run of an exploration: the choice it was made under, the run, and what it broke.
///
///     let explored = engine.run(.seed(17))
///     explored.broken.map(\.invariant)   // ["prints done"]
public struct ExploredRun<Run: ExplorableRun>: Sendable {
  /// One invariant broken, in the invariant's words.
  ///
  ///     broken.reason   // "no done line"
  public struct Broken: Sendable, Hashable {
    /// The invariant's name.
    ///
    ///     broken.invariant   // "prints done"
    public var invariant: String
    /// What went wrong.
    ///
    ///     broken.reason   // "no done line"
    public var reason: String

    /// `invariant` broken because of `reason`.
    ///
    ///     ExploredRun<Printed>.Broken(invariant: "x", reason: "y").reason   // "y"
    public init(invariant: String, reason: String) {
      self.invariant = invariant
      self.reason = reason
    }
  }

  /// The canonical schedule, a seed, or a replayed schedule.
  ///
  ///     explored.choice   // .seed(17)
  public var choice: ScheduleChoice
  /// The run itself.
  ///
  ///     explored.run.transcript   // what it printed
  public var run: Run
  /// The invariants it broke, in the order they were given; empty when it did not finish.
  ///
  ///     explored.broken.isEmpty   // true
  public var broken: [Broken]

  /// Whether the run ran through, so that its invariants were checked.
  ///
  ///     explored.finished   // true
  public var finished: Bool { run.failureDescription == nil }

  /// An explored run with every field given.
  ///
  ///     ExploredRun(choice: .canonical, run: run, broken: []).finished   // true
  public init(choice: ScheduleChoice, run: Run, broken: [Broken]) {
    self.choice = choice
    self.run = run
    self.broken = broken
  }
}
