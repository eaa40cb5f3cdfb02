import ConcurrencyRuntime

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
