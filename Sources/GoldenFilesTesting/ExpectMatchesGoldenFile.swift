// GoldenFilesTesting: golden-file comparisons reported as Swift Testing issues.
//
// The GoldenFiles module compares and returns a value; this module only turns that value into
// an Issue at the caller's source location. It is apart from GoldenFilesXCTest so that a
// package links the test framework it uses and no other, and so that GoldenFiles itself links
// neither (on Linux a module importing XCTest or Testing drags libXCTest.so or libTesting.so
// into every executable that uses it).

import GoldenFiles
import Testing

/// Expects `actual` to equal the golden file byte for byte, recording an `Issue` at the
/// caller's line when it does not.
///
/// Compares with ``GoldenFile/compare(_:record:)`` (the mode from `record`, or from
/// `LESSONS_RECORD` and `CI` when nil) and reports the result:
///
/// - matched: nothing;
/// - recorded: a warning naming the golden file (and the diff, when re-recorded), which does
///   not fail the test;
/// - mismatched, or missing where recording is off: an error with the report, the unified diff
///   included, and the new output left in `NAME.new`;
/// - a file that cannot be read or written, or a bad `LESSONS_RECORD`: an error.
///
/// Returns the result, or nil when the comparison itself failed.
///
///     @Test("17.4 prints its golden transcript")
///     func transcript() throws {
///       expectMatchesGoldenFile(try run("17.4"), GoldenFile(path: "transcripts/17.4.txt"))
///     }
///     // ✘ Test "17.4 prints its golden transcript" recorded an issue at Tests.swift:3:7
///     // ↳ the output differs from transcripts/17.4.txt; the new output is in …
@discardableResult
public func expectMatchesGoldenFile(
  _ actual: String, _ golden: GoldenFile, record: RecordMode? = nil,
  sourceLocation: SourceLocation = #_sourceLocation
) -> GoldenFileResult? {
  report(
    Result { () throws(GoldenFileError) in try golden.compare(actual, record: record) },
    at: sourceLocation)
}

/// Expects `bytes` to equal the golden file byte for byte, recording an `Issue` at the
/// caller's line when they do not.
///
/// The same as ``expectMatchesGoldenFile(_:_:record:sourceLocation:)`` for output that is not
/// a `String` (`Data`, `[UInt8]`).
///
///     expectMatchesGoldenFile(bytes: try encoder.encode(report), GoldenFile(path: "report.json"))
///     // (passes, or records an issue with the diff and leaves report.json.new)
@discardableResult
public func expectMatchesGoldenFile(
  bytes: some Collection<UInt8>, _ golden: GoldenFile, record: RecordMode? = nil,
  sourceLocation: SourceLocation = #_sourceLocation
) -> GoldenFileResult? {
  report(
    Result { () throws(GoldenFileError) in try golden.compare(bytes: bytes, record: record) },
    at: sourceLocation)
}

/// Records what `outcome` calls for at `location`, and hands back the result.
private func report(
  _ outcome: Result<GoldenFileResult, GoldenFileError>, at location: SourceLocation
)
  -> GoldenFileResult?
{
  switch outcome {
  case .failure(let error):
    Issue.record(error, sourceLocation: location)
    return nil
  case .success(let result):
    switch result {
    case .matched: break
    case .recorded:
      Issue.record(
        Comment(rawValue: result.description), severity: .warning, sourceLocation: location)
    case .mismatched, .missing:
      Issue.record(Comment(rawValue: result.description), sourceLocation: location)
    }
    return result
  }
}
