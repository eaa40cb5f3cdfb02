// TranscriptTesting: snapshot tests of concurrent code's output.
//
// One call runs a closure in the virtual runtime (threads through the runtime, the Futures
// library's executors, async code on the virtual clock), and compares everything it printed
// with a golden file beside the test, `__Transcripts__/<test name>.txt`, byte for byte: a
// unified diff on mismatch and the new output left in `<name>.txt.new`. Record modes are
// GoldenFiles' (`LESSONS_RECORD=missing|all|never`, `never` when `CI` is set, or the `record`
// parameter). The same closure runs under many seeds with invariants over its recorded
// events (`assertInvariants`, on the same exploration engine as `lessons explore`); a failure
// names the seed, shows the run's output as a diff against the canonical run's, and gives one
// line that replays it: `LESSONS_SEED=N swift test --filter TEST` runs that seed alone and
// shows its whole output, `LESSONS_SCHEDULE=PATH` replays a schedule file exactly (a long
// schedule is written to `__Transcripts__/TEST.schedule`). A run that throws or deadlocks is
// reported as not finished, never as an invariant broken. Failures are
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
/// throws or deadlocks fails too. `stamps` is how lines are stamped (`[09:00:00]` by default;
/// `.milliseconds` or `.elapsed` for code that works in milliseconds). Returns the run, for
/// further checks.
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
  stamps: StampStyle = .seconds, fileID: String = #fileID, filePath: StaticString = #filePath,
  line: UInt = #line, column: UInt = #column, function: String = #function,
  _ body: @escaping @Sendable () throws -> Void
) -> RecordedRun {
  let location = CallerLocation(fileID: fileID, filePath: filePath, line: line, column: column)
  let run = RecordedRun.record(seed: seed, stamps: stamps, body)
  compare(run, name: name ?? testName(function), record: record, at: location)
  return run
}

/// Runs async `body` on the virtual clock and expects what it printed to equal the golden
/// file, as ``assertTranscript(named:seed:record:stamps:fileID:filePath:line:column:function:_:)-(_,_,_,_,_,_,_,_,_,()->Void)``
/// does for synchronous code.
///
///     @Test func timeout() {
///       assertTranscript { () async throws in try await cache.value(for: "a") }
///     }
@discardableResult
public func assertTranscript(
  named name: String? = nil, seed: UInt64? = nil, record: RecordMode? = nil,
  stamps: StampStyle = .seconds, fileID: String = #fileID, filePath: StaticString = #filePath,
  line: UInt = #line, column: UInt = #column, function: String = #function,
  _ body: @escaping @Sendable () async throws -> Void
) -> RecordedRun {
  let location = CallerLocation(fileID: fileID, filePath: filePath, line: line, column: column)
  let run = RecordedRun.record(seed: seed, stamps: stamps, body)
  compare(run, name: name ?? testName(function), record: record, at: location)
  return run
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
