import ConcurrencyRuntime
import Testing
import TranscriptTesting

private struct Broken: Error, CustomStringConvertible {
  var description: String { "the widget broke" }
}

@Suite("RunFailure")
struct RunFailureTests {
  @Test("a body that throws: the error itself, its type name and its description")
  func threw() throws {
    let run = RecordedRun.record {
      Runtime.current.console.display("before")
      throw Broken()
    }
    let failure = try #require(run.failure)
    guard case .threw(let error) = failure else {
      Issue.record("not a thrown error: \(failure)")
      return
    }
    #expect(error is Broken)
    #expect(failure.thrownTypeName == "Broken")
    #expect(failure.thrownDescription == "the widget broke")
    #expect(failure.runtimeError == nil)
    #expect(failure.description == "the body threw Broken: the widget broke")
    #expect(run.failureDescription == failure.description)
    #expect(run.output == "[09:00:00] before\n", "the output up to the failure is kept")
  }

  @Test("the runtime stopping the run: the RuntimeError, held as it is")
  func stopped() throws {
    let run = RecordedRun.record {
      let condition = Runtime.current.makeCondition(label: "never")
      condition.withLock { condition.wait() }
    }
    let failure = try #require(run.failure)
    let error = try #require(failure.runtimeError)
    #expect(failure.thrownTypeName == nil)
    #expect(failure.description == "the runtime stopped the run: \(error)")
    #expect("\(error)".hasPrefix("deadlock"))
  }

  @Test("async bodies fail the same way")
  func async() throws {
    let run = RecordedRun.record { () async throws in
      try await Task.sleep(for: .seconds(1), clock: Runtime.current.clock)
      throw Broken()
    }
    #expect(run.failure?.thrownTypeName == "Broken")
    #expect(RecordedRun.record { () async throws in }.failure == nil)
  }

  @Test("stamps: the recorded output is stamped in the style asked for")
  func stamps() {
    let body: @Sendable () -> Void = {
      Runtime.current.sleep(for: .milliseconds(1_250))
      Runtime.current.console.display("later")
    }
    #expect(RecordedRun.record(body).output == "[09:00:01] later\n")
    #expect(RecordedRun.record(stamps: .milliseconds, body).output == "[09:00:01.250] later\n")
    #expect(RecordedRun.record(stamps: .elapsed, body).output == "[+1.250s] later\n")
    let asyncRun = RecordedRun.record(stamps: .elapsed) { () async throws in
      try await Task.sleep(for: .milliseconds(5), clock: Runtime.current.clock)
      Runtime.current.console.display("soon")
    }
    #expect(asyncRun.output == "[+0.005s] soon\n")
  }
}
