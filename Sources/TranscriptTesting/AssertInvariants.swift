import ConcurrencyRuntime
import Foundation

/// Runs `body` under every seed and checks `invariants` on each run that finished; fails at
/// the caller's line once per broken invariant, and once for the runs that did not finish.
/// Returns every violation.
///
/// A failure names the invariant and the reason, the seed, the run's output as a unified
/// diff against the canonical run's (seed nil), and one line that replays it. Two
/// environment variables replay (the `environment` parameter, the process's by default):
///
/// - `LESSONS_SEED=17 swift test --filter NAME` runs seed 17 only and, when it fails, shows
///   that run's whole output;
/// - `LESSONS_SCHEDULE=PATH swift test --filter NAME` runs exactly the schedule in PATH (the
///   text form of `Schedule.text`); it wins over `LESSONS_SEED`.
///
/// A schedule of more than three lines is not quoted: it is written (atomically) to
/// `__Transcripts__/NAME.schedule` beside the test file, and the message names the file; a
/// later run over every seed that passes removes it. NAME is the calling test's function
/// name.
///
///     @Test func neverOverfills() {
///       assertInvariants([atMostTwoBuffered, everyItemOnce], seeds: 0..<300) {
///         try runProducerConsumer(capacity: 2)
///       }
///     }
///     // (on failure) seed 17 broke "at most 2 buffered": 3 items were buffered
///     // its output against the canonical run's:
///     // --- the canonical run (seed nil)
///     // +++ seed 17
///     // …
///     // replay: LESSONS_SEED=17 swift test --filter neverOverfills
@discardableResult
public func assertInvariants(
  _ invariants: [RunInvariant], seeds: some Sequence<UInt64> = 0..<100,
  environment: [String: String] = ProcessInfo.processInfo.environment,
  fileID: String = #fileID, filePath: StaticString = #filePath, line: UInt = #line,
  column: UInt = #column, function: String = #function,
  _ body: @escaping @Sendable () throws -> Void
) -> [RunViolation] {
  let location = CallerLocation(fileID: fileID, filePath: filePath, line: line, column: column)
  return checkInvariants(
    invariants, seeds: seeds, environment: environment, testName: testName(function),
    at: location, body)
}

/// Runs async `body` under every seed on the virtual clock and checks `invariants` on each
/// run that finished, as
/// ``assertInvariants(_:seeds:environment:fileID:filePath:line:column:function:_:)-(_,_,_,_,_,_,_,_,()->Void)``
/// does for synchronous code; the body runs through `Runtime.current.runAsync` inside each
/// virtual run.
///
///     @Test func cacheNeverServesStale() {
///       assertInvariants([freshValues], seeds: 0..<200) { () async throws in
///         try await exerciseCache()
///       }
///     }
@discardableResult
public func assertInvariants(
  _ invariants: [RunInvariant], seeds: some Sequence<UInt64> = 0..<100,
  environment: [String: String] = ProcessInfo.processInfo.environment,
  fileID: String = #fileID, filePath: StaticString = #filePath, line: UInt = #line,
  column: UInt = #column, function: String = #function,
  _ body: @escaping @Sendable () async throws -> Void
) -> [RunViolation] {
  let location = CallerLocation(fileID: fileID, filePath: filePath, line: line, column: column)
  return checkInvariants(
    invariants, seeds: seeds, environment: environment, testName: testName(function),
    at: location
  ) { try Runtime.current.runAsync(body) }
}

/// What both `assertInvariants` do: explore, then report at `location`.
private func checkInvariants(
  _ invariants: [RunInvariant], seeds: some Sequence<UInt64>, environment: [String: String],
  testName: String, at location: CallerLocation, _ body: @escaping @Sendable () throws -> Void
) -> [RunViolation] {
  let request: ReplayRequest
  do {
    request = try ReplayRequest(environment: environment)
  } catch {
    location.fail(error.description)
    return []
  }
  let engine = engine(invariants, body)
  let findings = engine.explore(choices: request.choices(seeds: seeds))
  let message = InvariantFailureMessage(
    testName: testName,
    folder: URL(fileURLWithPath: "\(location.filePath)").deletingLastPathComponent()
      .appendingPathComponent("__Transcripts__"),
    request: request)
  guard !findings.violations.isEmpty || !findings.unfinished.isEmpty else {
    if !request.isReplay { message.removeStaleSchedules() }
    return []
  }

  let canonical = request.isReplay ? "" : RecordedRun.record(.canonical, body).output
  if !findings.unfinished.isEmpty {
    location.fail(message.unfinished(findings, canonical: canonical))
  }
  var reported: [String] = []
  for violation in findings.violations where !reported.contains(violation.invariant) {
    let others = findings.violations.filter { $0.invariant == violation.invariant }.count - 1
    location.fail(
      message.violation(violation, others: others, canonical: canonical, index: reported.count))
    reported.append(violation.invariant)
  }
  return findings.violations.map(RunViolation.init)
}
