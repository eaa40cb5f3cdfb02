import Testing

@testable import ConcurrencyRuntime

@Suite("Stray output")
struct StrayOutputTests {
  @Test("a line written to the shared console from a thread of no run is the one run's escape")
  func oneRun() {
    let run = Scheduler(policy: .firstComeFirstServed)
    Scheduler.reportStrayOutput("[09:00:00] a stray line\n", among: [run])
    guard case .strayOutput(let text, let thread, let number) = run.escape else {
      Issue.record("expected a stray-output escape, got \(String(describing: run.escape))")
      return
    }
    #expect(text == "[09:00:00] a stray line\n")
    #expect(number == run.runNumber)
    #expect(!thread.isEmpty)
  }

  @Test("with several runs going on, none is blamed, as which one started the thread is unknown")
  func severalRuns() {
    let runs = [Scheduler(policy: .firstComeFirstServed), Scheduler(policy: .firstComeFirstServed)]
    Scheduler.reportStrayOutput("a stray line\n", among: runs)
    #expect(runs.allSatisfy { $0.escape == nil })
  }
}
