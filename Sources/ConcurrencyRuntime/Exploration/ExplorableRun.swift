/// A run that an ``ExplorationEngine`` can count and check: the schedule it followed, the text
/// a reader sees, and why it stopped early, if it did.
///
/// Two runs interleaved alike when their schedules are equal; they look alike when their
/// transcripts are equal. A run with a failure did not finish: the engine reports it as such
/// and checks no invariant on it.
///
///     struct Printed: ExplorableRun {
///       var schedule: Schedule?
///       var transcript: String
///       var failureDescription: String? { nil }
///     }
///     Printed(schedule: nil, transcript: "[09:00:00] hi\n").failureDescription   // nil
public protocol ExplorableRun: Sendable {
  /// The scheduler's decisions (nil when none were recorded): replaying them repeats the run.
  ///
  ///     run.schedule?.decisions.count   // 12
  var schedule: Schedule? { get }
  /// What the run printed, as a reader compares two runs.
  ///
  ///     run.transcript   // "[09:00:00] A\n[09:00:00] B\n"
  var transcript: String { get }
  /// Why the run stopped early (it threw, deadlocked, the runtime ended it), or nil when it
  /// ran through.
  ///
  ///     run.failureDescription   // "deadlock: every thread is blocked: …"
  var failureDescription: String? { get }
  /// The run's parts, counted one by one as well (none unless the run says so).
  ///
  ///     recording.parts.map(\.label)   // ["In [1]", "In [2]", …]
  var parts: [ExplorablePart] { get }
}

extension ExplorableRun {
  /// No parts: the run is counted whole only.
  public var parts: [ExplorablePart] { [] }
}
