import ConcurrencyRuntime
import TranscriptTesting
import XCTest

/// The same calls from XCTest: failures are `XCTFail`s at the caller's line.
final class XCTestAdapterTests: XCTestCase {
  func testThreePoolJobs() {
    let run = assertTranscript(threeJobs)
    XCTAssertNil(run.failure)
  }

  func testInvariantsHold() {
    let both = RunInvariant("both threads print") { run in
      run.output.contains("] A\n") && run.output.contains("] B\n") ? nil : "a line is missing"
    }
    XCTAssertTrue(assertInvariants([both], seeds: 0..<50, twoThreads).isEmpty)
  }

  func testAsyncInvariantsHold() {
    let allWake = RunInvariant("every task wakes") { run in
      run.output.contains("first woke") && run.output.contains("second woke") ? nil : "one slept"
    }
    XCTAssertTrue(assertInvariants([allWake], seeds: 0..<50, environment: [:], twoSleepers).isEmpty)
    XCTAssertFalse(findViolations([firstWakesFirst], seeds: 0..<50, twoSleepers).isEmpty)
  }
}
