/// How the virtual scheduler picks the next thread, apart from how it hands over the baton:
/// the canonical first-come, first-served order, a seeded pseudo-random one, or a replay of
/// recorded decisions. A policy is a plain value, testable without threads.
///
///     var policy = SchedulingPolicy.seeded(7)
///     policy.choose(among: 3)   // a reproducible index from 0 to 2
enum SchedulingPolicy: Sendable {
  /// Always the first in line; no switches at yield points (the canonical schedule).
  case firstComeFirstServed
  /// Pseudo-random from a seed, switching at yield points too.
  case seeded(SplitMix64)
  /// The decisions of a recorded run, in order; `next` is the index of the next one.
  case replay(Schedule, next: Int, diverged: Int?)

  /// A policy for a seed, or the canonical one.
  static func seeded(_ seed: UInt64?) -> SchedulingPolicy {
    seed.map { .seeded(SplitMix64(seed: $0)) } ?? .firstComeFirstServed
  }

  /// A replay of `schedule` from its first decision.
  static func replaying(_ schedule: Schedule) -> SchedulingPolicy {
    .replay(schedule, next: 0, diverged: nil)
  }

  /// Whether threads may be switched at yield points and a new thread waits its turn, rather
  /// than running at once while its parent waits at the front of the line.
  var preemptive: Bool {
    switch self {
    case .firstComeFirstServed: false
    case .seeded: true
    case .replay(let schedule, _, _): schedule.preemptive
    }
  }

  /// The index, from 0 to `count - 1`, of the thread to run. A replay whose recorded
  /// decision does not fit (the program did not do what it did when recorded) notes where it
  /// diverged and picks the first.
  mutating func choose(among count: Int) -> Int {
    switch self {
    case .firstComeFirstServed:
      return 0
    case .seeded(var generator):
      let pick = Int(generator.next() % UInt64(count))
      self = .seeded(generator)
      return pick
    case .replay(let schedule, let next, var diverged):
      var pick = 0
      if diverged == nil, next < schedule.decisions.count,
        schedule.decisions[next].options == count
      {
        pick = schedule.decisions[next].choice
      } else if diverged == nil {
        diverged = next
      }
      self = .replay(schedule, next: next + 1, diverged: diverged)
      return pick
    }
  }

  /// Where a replay stopped matching its recording, if it did.
  var divergence: Int? {
    if case .replay(let schedule, let next, let diverged) = self {
      if let diverged { return diverged }
      return next < schedule.decisions.count ? next : nil
    }
    return nil
  }
}
