/// Which interleaving a run follows: the canonical schedule, a seed's, or a recorded schedule
/// replayed exactly.
///
/// An ``ExplorationEngine`` hands one to its record closure for every run it makes.
///
///     ScheduleChoice.seed(17).seed           // 17
///     ScheduleChoice.canonical.description   // "the canonical schedule"
public enum ScheduleChoice: Sendable, Hashable, CustomStringConvertible {
  /// First come, first served: the run a golden transcript holds.
  ///
  ///     ScheduleChoice.canonical.seed   // nil
  case canonical
  /// Pseudo-random among the runnable threads, reproducibly from the seed.
  ///
  ///     ScheduleChoice.seed(17).seed   // 17
  case seed(UInt64)
  /// Exactly the decisions of an earlier run.
  ///
  ///     ScheduleChoice.replay(run.schedule!).replayedSchedule == run.schedule   // true
  case replay(Schedule)

  /// The seed, for a seeded run.
  ///
  ///     ScheduleChoice.replay(schedule).seed   // nil
  public var seed: UInt64? {
    if case .seed(let seed) = self { return seed }
    return nil
  }

  /// The schedule replayed, for a replay.
  ///
  ///     ScheduleChoice.seed(3).replayedSchedule   // nil
  public var replayedSchedule: Schedule? {
    if case .replay(let schedule) = self { return schedule }
    return nil
  }

  /// `seed 17`, `the canonical schedule` or `the replayed schedule`.
  ///
  ///     "\(ScheduleChoice.seed(17)) broke it"   // "seed 17 broke it"
  public var description: String {
    switch self {
    case .canonical: "the canonical schedule"
    case .seed(let seed): "seed \(seed)"
    case .replay: "the replayed schedule"
    }
  }
}
