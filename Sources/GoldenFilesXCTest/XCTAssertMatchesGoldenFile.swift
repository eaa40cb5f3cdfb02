// GoldenFilesXCTest: golden-file comparisons reported as XCTest failures.
//
// The GoldenFiles module compares and returns a value; this module only turns that value into
// an XCTFail at the caller's file and line. It is apart from GoldenFilesTesting so that a
// package links the test framework it uses and no other, and so that GoldenFiles itself links
// neither (on Linux a module importing XCTest or Testing drags libXCTest.so or libTesting.so
// into every executable that uses it).

import GoldenFiles
import XCTest

// XCTest's own assertions are named XCTAssert…, and so are other libraries' (custom-dump's
// XCTAssertNoDifference): the capital is the convention here.
// swift-format-ignore: AlwaysUseLowerCamelCase
/// Asserts that `actual` equals the golden file byte for byte, failing with `XCTFail` at the
/// caller's line when it does not.
///
/// Compares with ``GoldenFile/compare(_:record:)`` (the mode from `record`, or from
/// `LESSONS_RECORD` and `CI` when nil). A match or a recording passes (XCTest has no warnings,
/// so a recording is silent; version control shows it). A mismatch, a golden file missing where
/// recording is off, or a file that cannot be read or written fails, with the report and the
/// unified diff as the message; the new output is left in `NAME.new`.
///
/// Returns the result, or nil when the comparison itself failed.
///
///     func testTranscript() throws {
///       XCTAssertMatchesGoldenFile(try run("17.4"), GoldenFile(path: "transcripts/17.4.txt"))
///     }
///     // Tests.swift:2: error: Tests.testTranscript : failed - the output differs from …
@discardableResult
public func XCTAssertMatchesGoldenFile(
  _ actual: String, _ golden: GoldenFile, record: RecordMode? = nil,
  file: StaticString = #filePath, line: UInt = #line
) -> GoldenFileResult? {
  report(
    Result { () throws(GoldenFileError) in try golden.compare(actual, record: record) },
    file: file, line: line)
}

// swift-format-ignore: AlwaysUseLowerCamelCase
/// Asserts that `bytes` equal the golden file byte for byte, failing with `XCTFail` at the
/// caller's line when they do not.
///
/// The same as ``XCTAssertMatchesGoldenFile(_:_:record:file:line:)`` for output that is not a
/// `String` (`Data`, `[UInt8]`).
///
///     XCTAssertMatchesGoldenFile(bytes: try encoder.encode(report), GoldenFile(path: "report.json"))
///     // (passes, or fails with the diff and leaves report.json.new)
@discardableResult
public func XCTAssertMatchesGoldenFile(
  bytes: some Collection<UInt8>, _ golden: GoldenFile, record: RecordMode? = nil,
  file: StaticString = #filePath, line: UInt = #line
) -> GoldenFileResult? {
  report(
    Result { () throws(GoldenFileError) in try golden.compare(bytes: bytes, record: record) },
    file: file, line: line)
}

/// Fails at `file`:`line` if `outcome` calls for it, and hands back the result.
private func report(
  _ outcome: Result<GoldenFileResult, GoldenFileError>, file: StaticString, line: UInt
) -> GoldenFileResult? {
  switch outcome {
  case .failure(let error):
    XCTFail(error.description, file: file, line: line)
    return nil
  case .success(let result):
    if !result.passed { XCTFail(result.description, file: file, line: line) }
    return result
  }
}
