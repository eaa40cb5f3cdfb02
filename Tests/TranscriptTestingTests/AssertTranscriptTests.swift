import ConcurrencyRuntime
import Foundation
import GoldenFiles
import Testing

@testable import TranscriptTesting

@Suite("assertTranscript")
struct AssertTranscriptTests {
  @Test("a thread pool's output matches its golden file, beside this file")
  func threePoolJobs() {
    let run = assertTranscript(threeJobs)
    #expect(run.failure == nil)
    #expect(
      run.output.hasSuffix("[09:00:03] result 30\n[09:00:03] result 10\n[09:00:03] result 20\n"))
  }

  @Test("async code runs on the virtual clock")
  func asyncSleeps() {
    assertTranscript { () async throws in
      let clock = Runtime.current.clock
      try await Task.sleep(for: .seconds(2), clock: clock)
      Runtime.current.console.display("two seconds later")
    }
  }

  @Test("stamps: a golden file of code that works in milliseconds tells its lines apart")
  func millisecondStamps() {
    let run = assertTranscript(stamps: .milliseconds) {
      for step in 1...3 {
        Runtime.current.sleep(for: .milliseconds(40))
        Runtime.current.console.display("step \(step)")
      }
    }
    #expect(run.output.hasSuffix("[09:00:00.120] step 3\n"))
  }

  @Test("a seeded run has a golden file of its own, named by the caller")
  func seeded() {
    assertTranscript(named: "twoThreads-seed-3", seed: 3, twoThreads)
  }

  @Test("a mismatch fails at the caller's line with a diff, and leaves NAME.txt.new")
  func mismatch() throws {
    let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .appendingPathComponent("__Transcripts__")
    let newFile = folder.appendingPathComponent("mismatch-fixture.txt.new")
    defer { try? FileManager.default.removeItem(at: newFile) }
    let line = #line + 2
    withKnownIssue {
      assertTranscript(named: "mismatch-fixture", record: .never) {
        Runtime.current.console.display("what the code prints now")
      }
    } matching: { issue in
      issue.sourceLocation?.line == line
        && issue.comments.map(\.rawValue).joined().contains("+[09:00:00] what the code prints now")
    }
    #expect(
      try String(contentsOf: newFile, encoding: .utf8) == "[09:00:00] what the code prints now\n")
  }

  @Test("a body that throws fails the test")
  func throwing() {
    struct Broken: Error {}
    let newFile = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .appendingPathComponent("__Transcripts__/throwing-fixture.txt.new")
    defer { try? FileManager.default.removeItem(at: newFile) }
    withKnownIssue {
      assertTranscript(named: "throwing-fixture", record: .never) { throw Broken() }
    } matching: { issue in
      // The run's failure, and the golden file that this run (recording never) cannot write.
      let text = issue.comments.map(\.rawValue).joined()
      return text.contains("the run did not finish") || text.contains("there is no golden file")
    }
  }

  @Test("a run that fails is never recorded as a golden file, whatever the record mode")
  func failedRunNotRecorded() {
    struct Broken: Error {}
    let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .appendingPathComponent("__Transcripts__")
    let golden = folder.appendingPathComponent("failed-run-fixture.txt")
    defer {
      try? FileManager.default.removeItem(at: golden)
      try? FileManager.default.removeItem(at: golden.appendingPathExtension("new"))
    }
    withKnownIssue {
      assertTranscript(named: "failed-run-fixture", record: .all) {
        Runtime.current.console.display("half of the output")
        throw Broken()
      }
    } matching: { issue in
      issue.comments.map(\.rawValue).joined().contains("the run did not finish")
    }
    #expect(!FileManager.default.fileExists(atPath: golden.path))
    #expect(!FileManager.default.fileExists(atPath: golden.path + ".new"))
  }

  @Test("the golden file is named after the test function")
  func names() {
    #expect(testName("threePoolJobs()") == "threePoolJobs")
    #expect(testName("testTimeout()") == "testTimeout")
    #expect(testName("") == "transcript")
  }
}
