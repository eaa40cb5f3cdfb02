import Foundation
import GoldenFiles
import GoldenFilesXCTest
import XCTest

/// The XCTest adapter can only be tested from XCTest: these cases catch the failures it
/// records instead of failing, then check them.
final class XCTAssertMatchesGoldenFileTests: XCTestCase {
  private var failures: [(description: String, file: String, line: Int)] = []

  override func recordFailure(
    withDescription description: String, inFile filePath: String, atLine lineNumber: Int,
    expected: Bool
  ) {
    failures.append((description, filePath, lineNumber))
  }

  private func withFolder(_ body: (TemporaryFolder) throws -> Void) throws {
    try TemporaryFolder.with(body)
  }

  func testAMatchPasses() throws {
    try withFolder { folder in
      try folder.write("same\n", to: "a.txt")
      let golden = GoldenFile(folder.file("a.txt"))
      let result = XCTAssertMatchesGoldenFile("same\n", golden, record: .never)
      XCTAssertEqual(result, .matched(golden: golden.url))
    }
    XCTAssertTrue(failures.isEmpty)
  }

  func testARecordingPasses() throws {
    try withFolder { folder in
      let golden = GoldenFile(folder.file("a.txt"))
      let result = XCTAssertMatchesGoldenFile(bytes: Array("x\n".utf8), golden, record: .missing)
      XCTAssertEqual(result, .recorded(golden: golden.url, diff: nil))
    }
    XCTAssertTrue(failures.isEmpty)
  }

  func testAMismatchFailsAtTheCallersLineWithTheDiff() throws {
    var line = 0
    try withFolder { folder in
      try folder.write("old\n", to: "a.txt")
      line = #line + 1
      XCTAssertMatchesGoldenFile("new\n", GoldenFile(folder.file("a.txt")), record: .never)
      XCTAssertEqual(folder.read("a.txt.new"), "new\n")
    }
    let caught = failures
    failures = []
    XCTAssertEqual(caught.count, 1)
    XCTAssertEqual(caught.first?.file, #filePath)
    XCTAssertEqual(caught.first?.line, line)
    XCTAssertTrue(caught.first?.description.contains("-old\n+new") ?? false)
  }

  func testAnUnreadableGoldenFileFails() throws {
    try withFolder { folder in
      try FileManager.default.createDirectory(
        at: folder.file("a.txt"), withIntermediateDirectories: true)
      XCTAssertNil(
        XCTAssertMatchesGoldenFile("x", GoldenFile(folder.file("a.txt")), record: .never))
    }
    let caught = failures
    failures = []
    XCTAssertEqual(caught.count, 1)
    XCTAssertTrue(caught.first?.description.contains("cannot read") ?? false)
  }
}
