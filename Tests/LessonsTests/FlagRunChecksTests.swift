import ConcurrencyRuntime
import Notebook
import Testing

@testable import Lessons

/// The flag sections' invariants read real requests and real counts, and say when they break.
@Suite("Flag sections' invariant checks")
struct FlagRunChecksTests {
  @Test("17.1's and 17.5's cells make the requests their invariants count")
  func requestsSeen() throws {
    let web = try #require(Catalog.section("17.1"))
    let run = NotebookRunner(configuration: .canonical).record(web)
    #expect(FlagRunChecks(run.cell(named: "flags-run")).requests.count == 20)
    #expect(FlagRunChecks(run.cell(named: "flags-run")).oneAtATime)
    #expect(!FlagRunChecks(run.cell(named: "flags-threadpool-run")).oneAtATime)
    #expect(FlagRunChecks(run.cell(named: "flags-as-completed-run")).mostAtOnce == 3)
    let progress = try #require(Catalog.section("17.5"))
    let flags2 = NotebookRunner(configuration: .canonical).record(progress)
    let counts = [
      "flags2-sequential-run": 20, "flags2-threadpool-run": 78, "flags2-async-run": 100,
    ]
    for (name, requested) in counts {
      let checks = FlagRunChecks(flags2.cell(named: name))
      #expect(checks.requests.count == requested, "\(name)")
      #expect(checks.countsAddUp == nil, "\(name)")
    }
  }

  @Test("the checks say what is wrong when it is")
  func checksCanFail() {
    var checks = FlagRunChecks(nil)
    checks.output = "Searching for 3 flags: BR, CN, XX\n--------------------\n2 flags downloaded.\n"
    #expect(checks.countsAddUp == "2 counted, 3 requested")
    checks.output += "1 not found.\n"
    #expect(checks.countsAddUp == nil)
    checks.requests = [
      .init(code: "BR", start: .zero, end: .seconds(2)), .init(code: "BR", start: .seconds(1)),
    ]
    #expect(checks.eachOnce(["BR", "CN"]) == "asked for 2 flags, 1 distinct, not 2")
    #expect(!checks.oneAtATime)
  }
}
