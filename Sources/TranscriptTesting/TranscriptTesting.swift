// TranscriptTesting: snapshot tests of concurrent code's output.
//
// One call runs a closure in the virtual runtime (threads through the runtime, the Futures
// library's executors, async code on the virtual clock), and compares everything it printed
// with a golden file beside the test, `__Transcripts__/<test name>.txt`, byte for byte: a
// unified diff on mismatch and the new output left in `<name>.txt.new`. Record modes are
// GoldenFiles' (`LESSONS_RECORD=missing|all|never`, `never` when `CI` is set, or the `record`
// parameter). The same closure runs under many seeds with invariants over its recorded
// events, and a failure names the seed and the schedule that reproduce it. Failures are
// reported at the caller's file and line, as a Swift Testing issue inside a `@Test` and as an
// `XCTFail` otherwise.

import ConcurrencyRuntime
import Foundation
import GoldenFiles

/// Runs `body` in the virtual runtime and expects what it printed to equal the golden file
/// `__Transcripts__/NAME.txt` beside the calling test file, byte for byte.
///
/// NAME is `name`, or the calling test's function name (`boundedBuffer` for
/// `func boundedBuffer()`, `testBoundedBuffer` in XCTest). A missing golden file is recorded
/// (a warning, not a failure) unless the record mode is `never`; a mismatch fails at the
/// caller's line with a unified diff and leaves the new output in `NAME.txt.new`. A body that
/// throws or deadlocks fails too. Returns the run, for further checks.
///
///     @Test func boundedBuffer() {
///       assertTranscript { try runProducerConsumer(capacity: 2) }
///     }
///     // Tests/ExampleTests/__Transcripts__/boundedBuffer.txt:
///     // [09:00:00] put 0
///     // [09:00:00] got 0
///     // …
@discardableResult
public func assertTranscript(
  named name: String? = nil, seed: UInt64? = nil, record: RecordMode? = nil,
  fileID: String = #fileID, filePath: StaticString = #filePath, line: UInt = #line,
  column: UInt = #column, function: String = #function,
  _ body: @escaping @Sendable () throws -> Void
) -> RecordedRun {
  let location = CallerLocation(fileID: fileID, filePath: filePath, line: line, column: column)
  let run = RecordedRun.record(seed: seed, body)
  compare(run, name: name ?? testName(function), record: record, at: location)
  return run
}

/// Runs async `body` on the virtual clock and expects what it printed to equal the golden
/// file, as ``assertTranscript(named:seed:record:fileID:filePath:line:column:function:_:)-(_,_,_,_,_,_,_,_,()->Void)``
/// does for synchronous code.
///
///     @Test func timeout() {
///       assertTranscript { () async throws in try await cache.value(for: "a") }
///     }
@discardableResult
public func assertTranscript(
  named name: String? = nil, seed: UInt64? = nil, record: RecordMode? = nil,
  fileID: String = #fileID, filePath: StaticString = #filePath, line: UInt = #line,
  column: UInt = #column, function: String = #function,
  _ body: @escaping @Sendable () async throws -> Void
) -> RecordedRun {
  let location = CallerLocation(fileID: fileID, filePath: filePath, line: line, column: column)
  let run = RecordedRun.record(seed: seed, body)
  compare(run, name: name ?? testName(function), record: record, at: location)
  return run
}

/// Runs `body` under every seed and checks `invariants` on each run; fails at the caller's
/// line once per broken invariant, naming the first seed that broke it and the schedule that
/// replays that run. Returns every violation.
///
///     @Test func neverOverfills() {
///       assertInvariants([atMostTwoBuffered, everyItemOnce], seeds: 0..<300) {
///         try runProducerConsumer(capacity: 2)
///       }
///     }
///     // (on failure) seed 17 broke "at most 2 buffered": 3 items were buffered
///     // replay it with RecordedRun.record(seed: 17) or with this schedule: …
@discardableResult
public func assertInvariants(
  _ invariants: [RunInvariant], seeds: some Sequence<UInt64> = 0..<100,
  fileID: String = #fileID, filePath: StaticString = #filePath, line: UInt = #line,
  column: UInt = #column, _ body: @escaping @Sendable () throws -> Void
) -> [RunViolation] {
  let location = CallerLocation(fileID: fileID, filePath: filePath, line: line, column: column)
  let violations = findViolations(invariants, seeds: seeds, body)
  var reported = Set<String>()
  for violation in violations where reported.insert(violation.invariant).inserted {
    let others = violations.filter { $0.invariant == violation.invariant }.count - 1
    let more = others > 0 ? "(and \(others) more seeds broke it)\n" : ""
    location.fail(violation.description + more)
  }
  return violations
}

/// The golden file of test `name` called from `location`: `__Transcripts__/NAME.txt` beside
/// the test file.
private func compare(
  _ run: RecordedRun, name: String, record: RecordMode?, at location: CallerLocation
) {
  // A run that failed printed what it printed up to the failure: never a golden file.
  if let failure = run.failure {
    location.fail("the run did not finish: \(failure)")
    return
  }
  let folder = URL(fileURLWithPath: "\(location.filePath)").deletingLastPathComponent()
    .appendingPathComponent("__Transcripts__")
  let golden = GoldenFile(folder.appendingPathComponent("\(name).txt"))
  do {
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
  } catch {
    location.fail("cannot make \(folder.path): \(error.localizedDescription)")
    return
  }
  do {
    let result = try golden.compare(run.output, record: record)
    switch result {
    case .matched: break
    case .recorded: location.warn(result.description)
    case .mismatched, .missing: location.fail(result.description)
    }
  } catch {
    location.fail(error.description)
  }
}

/// `boundedBuffer` from `boundedBuffer()`, `testTimeout` from `testTimeout()`.
func testName(_ function: String) -> String {
  let name = function.prefix { $0 != "(" }
  return name.isEmpty ? "transcript" : String(name)
}
