import ConcurrencyRuntime

/// Something every interleaving of a run must keep, checked over its ``RecordedRun``: nil when
/// it holds, or one line saying what went wrong.
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
  public let name: String
  private let check: @Sendable (RecordedRun) -> String?

  /// An invariant named `name`; `check` returns nil when it holds, or what went wrong.
  ///
  /// The check reads the run's output, events or schedule.
  ///
  ///     RunInvariant("prints done") { $0.output.contains("done") ? nil : "no done line" }
  public init(_ name: String, check: @escaping @Sendable (RecordedRun) -> String?) {
    self.name = name
    self.check = check
  }

  /// What went wrong in `run`, or nil when the invariant holds; a run that threw or
  /// deadlocked breaks it, with that as the reason.
  ///
  ///     RunInvariant("anything") { _ in nil }.violation(in: run)   // nil
  public func violation(in run: RecordedRun) -> String? {
    if let failure = run.failure { return "the run did not finish: \(failure)" }
    return check(run)
  }
}

/// One invariant broken in one run: the seed and the schedule that reproduce it.
///
///     print(violation, terminator: "")
///     // seed 17 broke "consumed in produced order": item 2 never arrived
///     // replay it with RecordedRun.record(seed: 17) or with this schedule:
///     // lessons-schedule 1 preemptive
///     // 0/2 1/2 …
public struct RunViolation: Sendable, Equatable, CustomStringConvertible {
  /// The run's seed.
  ///
  /// `RecordedRun.record(seed:_:)` with it repeats the run.
  ///
  ///     violation.seed   // 17
  public var seed: UInt64
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

  /// A violation with every field given.
  ///
  /// `findViolations` makes them; tests of reports may too.
  ///
  ///     RunViolation(seed: 1, schedule: nil, invariant: "x", reason: "y").seed   // 1
  public init(seed: UInt64, schedule: Schedule?, invariant: String, reason: String) {
    self.seed = seed
    self.schedule = schedule
    self.invariant = invariant
    self.reason = reason
  }

  /// What broke, under which seed, and the schedule's text form.
  ///
  /// What `assertInvariants` reports.
  ///
  ///     print(violation, terminator: "")
  ///     // seed 17 broke "consumed in produced order": item 2 never arrived
  ///     // replay it with RecordedRun.record(seed: 17) or with this schedule: …
  public var description: String {
    var text = "seed \(seed) broke \"\(invariant)\": \(reason)\n"
    text += "replay it with RecordedRun.record(seed: \(seed)) or with this schedule:\n"
    text += schedule?.text ?? "(no schedule was recorded)\n"
    return text
  }
}

/// Runs `body` once per seed and checks every invariant on every run; returns the
/// violations in the order the runs met them.
///
///     let broken = findViolations([inOrder], seeds: 0..<100) { try producerConsumer() }
///     broken.isEmpty   // true
public func findViolations(
  _ invariants: [RunInvariant], seeds: some Sequence<UInt64>,
  _ body: @escaping @Sendable () throws -> Void
) -> [RunViolation] {
  var violations: [RunViolation] = []
  for seed in seeds {
    let run = RecordedRun.record(seed: seed, body)
    for invariant in invariants {
      if let reason = invariant.violation(in: run) {
        violations.append(
          RunViolation(
            seed: seed, schedule: run.schedule, invariant: invariant.name, reason: reason))
      }
    }
  }
  return violations
}
