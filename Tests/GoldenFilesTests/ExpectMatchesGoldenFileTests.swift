import Foundation
import GoldenFiles
import GoldenFilesTesting
import Testing

@Suite("expectMatchesGoldenFile (Swift Testing)")
struct ExpectMatchesGoldenFileTests {
  @Test("a match records no issue")
  func matchRecordsNothing() throws {
    try TemporaryFolder.with { folder in
      try folder.write("same\n", to: "a.txt")
      let golden = GoldenFile(folder.file("a.txt"))
      #expect(
        expectMatchesGoldenFile("same\n", golden, record: .never) == .matched(golden: golden.url))
      #expect(
        expectMatchesGoldenFile(bytes: Array("same\n".utf8), golden, record: .never)
          == .matched(golden: golden.url))
    }
  }

  @Test("a mismatch records an issue with the diff at the caller's source location")
  func mismatchIsAnIssue() throws {
    try TemporaryFolder.with { folder in
      try folder.write("old\n", to: "a.txt")
      let golden = GoldenFile(folder.file("a.txt"))
      let location = SourceLocation(
        fileID: "Somewhere/Tests.swift", filePath: "/Somewhere/Tests.swift", line: 42, column: 7)
      withKnownIssue {
        expectMatchesGoldenFile("new\n", golden, record: .never, sourceLocation: location)
      } matching: { issue in
        issue.sourceLocation == location && issue.severity == .error
          && issue.comments.contains { $0.rawValue.contains("-old\n+new") }
      }
      #expect(folder.read("a.txt.new") == "new\n")
    }
  }

  @Test("by default the issue is at the line that called, in the caller's file")
  func defaultLocation() throws {
    try TemporaryFolder.with { folder in
      let golden = GoldenFile(folder.file("a.txt"))
      let line = #line + 2
      withKnownIssue {
        expectMatchesGoldenFile("new\n", golden, record: .never)
      } matching: { issue in
        issue.sourceLocation?.fileID == #fileID && issue.sourceLocation?.line == line
      }
    }
  }

  @Test("a missing golden file where recording is off is an issue, for bytes too")
  func missingIsAnIssue() throws {
    try TemporaryFolder.with { folder in
      let golden = GoldenFile(folder.file("a.txt"))
      withKnownIssue {
        expectMatchesGoldenFile(bytes: Data("x\n".utf8), golden, record: .never)
      } matching: { issue in
        issue.comments.contains { $0.rawValue.hasPrefix("there is no golden file") }
      }
      #expect(!folder.exists("a.txt"))
    }
  }

  @Test("a recording is a warning, which does not fail the test")
  func recordingIsAWarning() throws {
    try TemporaryFolder.with { folder in
      let golden = GoldenFile(folder.file("a.txt"))
      withKnownIssue {
        expectMatchesGoldenFile("x\n", golden, record: .missing)
      } matching: { issue in
        issue.severity == .warning && !issue.isFailure
      }
      #expect(folder.read("a.txt") == "x\n")
    }
  }

  @Test("a golden file that cannot be read is an issue, and no result comes back")
  func errorIsAnIssue() throws {
    try TemporaryFolder.with { folder in
      try FileManager.default.createDirectory(
        at: folder.file("a.txt"), withIntermediateDirectories: true)
      var result: GoldenFileResult?
      withKnownIssue {
        result = expectMatchesGoldenFile("x\n", GoldenFile(folder.file("a.txt")), record: .never)
      } matching: { issue in
        issue.error is GoldenFileError
      }
      #expect(result == nil)
    }
  }
}
