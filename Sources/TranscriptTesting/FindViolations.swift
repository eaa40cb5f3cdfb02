import ConcurrencyRuntime
import Foundation

/// Runs `body` once per seed and checks every invariant on every run that finished; returns
/// the violations in the order of the seeds.
///
/// A run that did not finish (it threw, deadlocked, the runtime stopped it) breaks no
/// invariant; ``exploreRuns(_:seeds:_:)-(_,_,()->Void)`` reports it. Runs are spread over the
/// machine's cores; the result is the same whatever their number.
///
///     let broken = findViolations([inOrder], seeds: 0..<100) { try producerConsumer() }
///     broken.isEmpty   // true
public func findViolations(
  _ invariants: [RunInvariant], seeds: some Sequence<UInt64>,
  _ body: @escaping @Sendable () throws -> Void
) -> [RunViolation] {
  exploreRuns(invariants, seeds: seeds, body).violations.map(RunViolation.init)
}

/// Runs async `body` once per seed on the virtual clock and checks every invariant on every
/// run that finished, as ``findViolations(_:seeds:_:)-(_,_,()->Void)`` does for synchronous
/// code.
///
///     let broken = findViolations([inOrder], seeds: 0..<100) { () async throws in
///       try await producerConsumer()
///     }
///     broken.isEmpty   // true
public func findViolations(
  _ invariants: [RunInvariant], seeds: some Sequence<UInt64>,
  _ body: @escaping @Sendable () async throws -> Void
) -> [RunViolation] {
  findViolations(invariants, seeds: seeds) { try Runtime.current.runAsync(body) }
}

/// Runs `body` once per seed and reports everything the exploration found: the runs, the
/// distinct schedules and transcripts, each violation with its run, and the runs that did
/// not finish.
///
///     let findings = exploreRuns([inOrder], seeds: 0..<100) { try producerConsumer() }
///     findings.distinctTranscripts   // 12
///     findings.unfinished.isEmpty    // true
public func exploreRuns(
  _ invariants: [RunInvariant], seeds: some Sequence<UInt64>,
  _ body: @escaping @Sendable () throws -> Void
) -> ExplorationFindings<RecordedRun> {
  engine(invariants, body).explore(seeds: seeds)
}

/// Runs async `body` once per seed on the virtual clock and reports everything the
/// exploration found, as ``exploreRuns(_:seeds:_:)-(_,_,()->Void)`` does for synchronous code.
///
///     let findings = exploreRuns([inOrder], seeds: 0..<100) { () async throws in
///       try await producerConsumer()
///     }
///     findings.runs   // 100
public func exploreRuns(
  _ invariants: [RunInvariant], seeds: some Sequence<UInt64>,
  _ body: @escaping @Sendable () async throws -> Void
) -> ExplorationFindings<RecordedRun> {
  exploreRuns(invariants, seeds: seeds) { try Runtime.current.runAsync(body) }
}

/// The exploration engine over recorded runs of `body`, checking `invariants`.
func engine(
  _ invariants: [RunInvariant], _ body: @escaping @Sendable () throws -> Void
) -> ExplorationEngine<RecordedRun> {
  ExplorationEngine(checks: invariants.map(\.check)) { choice in
    RecordedRun.record(choice, body)
  }
}
