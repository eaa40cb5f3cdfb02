/// An invariant as the engine checks it: a name, and a check that returns nil when the
/// invariant holds in a run, or one line saying what went wrong.
///
/// The engine asks it only about runs that finished.
///
///     let printsDone = ExplorationCheck<Printed>("prints done") { run in
///       run.transcript.contains("done") ? nil : "no done line"
///     }
///     printsDone.violation(in: run)   // nil
public struct ExplorationCheck<Run: ExplorableRun>: Sendable {
  /// What the invariant promises, in a few words.
  ///
  /// Reports quote it.
  ///
  ///     printsDone.name   // "prints done"
  public let name: String
  private let check: @Sendable (Run) -> String?

  /// An invariant named `name`; `check` returns nil when it holds, or what went wrong.
  ///
  ///     ExplorationCheck<Printed>("non-empty") { $0.transcript.isEmpty ? "silent" : nil }
  public init(_ name: String, check: @escaping @Sendable (Run) -> String?) {
    self.name = name
    self.check = check
  }

  /// What went wrong in `run`, or nil when the invariant holds there.
  ///
  /// It reads the run as it is: whether the run finished is the engine's question, not the
  /// invariant's.
  ///
  ///     printsDone.violation(in: run)   // "no done line"
  public func violation(in run: Run) -> String? { check(run) }
}
