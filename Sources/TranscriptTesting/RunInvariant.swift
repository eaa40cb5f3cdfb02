import ConcurrencyRuntime

/// Something every interleaving of a run must keep, checked over its ``RecordedRun``: nil when
/// it holds, or one line saying what went wrong.
///
/// `findViolations` and `assertInvariants` check it only on runs that finished: a run that
/// threw or deadlocked is reported as not finished, never as this invariant broken.
///
///     let inOrder = RunInvariant("consumed in produced order") { run in
///       run.output.contains("got 2\n") ? nil : "item 2 never arrived"
///     }
///     assertInvariants([inOrder], seeds: 0..<200) { try producerConsumer() }
public struct RunInvariant: Sendable {
  /// What the invariant promises, in a few words.
  ///
  /// Failure messages quote it.
  ///
  ///     inOrder.name   // "consumed in produced order"
  public var name: String { check.name }
  let check: ExplorationCheck<RecordedRun>

  /// An invariant named `name`; `check` returns nil when it holds, or what went wrong.
  ///
  /// The check reads the run's output, events or schedule.
  ///
  ///     RunInvariant("prints done") { $0.output.contains("done") ? nil : "no done line" }
  public init(_ name: String, check: @escaping @Sendable (RecordedRun) -> String?) {
    self.check = ExplorationCheck(name, check: check)
  }

  /// What went wrong in `run`, or nil when the invariant holds there.
  ///
  /// It reads the run as it is, finished or not; whether the run finished is
  /// ``RecordedRun/failure``'s to say.
  ///
  ///     RunInvariant("anything") { _ in nil }.violation(in: run)   // nil
  public func violation(in run: RecordedRun) -> String? { check.violation(in: run) }
}
