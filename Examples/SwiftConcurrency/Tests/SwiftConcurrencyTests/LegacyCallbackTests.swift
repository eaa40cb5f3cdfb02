import SwiftConcurrency
import Testing
import TranscriptTesting

extension SwiftConcurrencyTests {
  @Suite("a continuation resumed from Dispatch cannot run on the virtual clock")
  struct LegacyCallbackTests {
    @Test("the run fails with a message that names the escape, and the process goes on")
    func escapeReported() throws {
      let run = RecordedRun.record { await LegacyCallback(log: display).run() }
      let failure = try #require(run.failure, "a Dispatch timer ran as if it were virtual")
      guard case .stopped(.escaped(.resumedFromOutside(let thread, _))) = failure else {
        Issue.record("the run failed otherwise: \(failure)")
        return
      }
      #expect(thread.hasPrefix("a Dispatch thread"), "\(thread)")
      // "the runtime stopped the run: a job left the virtual runtime: virtual run 4's task was
      // resumed from a Dispatch thread ('oot.default-qos'; …), outside the run (…)"
      #expect("\(failure)".contains("left the virtual runtime"), "\(failure)")
      #expect(run.output == "[09:00:00] asking the legacy API\n")
    }
  }
}
