import Lessons
import Notebook
import Testing

@Suite("explore every section")
struct ExploreTests {
  @Test(
    "every section declares invariants and keeps them under 300 seeds",
    arguments: Catalog.sections.map(\.id))
  func everySection(id: String) throws {
    let section = try #require(Catalog.section(id))
    #expect(!section.invariants.isEmpty, "\(id) declares no invariants")
    let report = Explorer(section: section).explore(seeds: 0..<300)
    #expect(report.violations.isEmpty, "\(report.summary)")
    #expect(report.distinctSchedules > 1, "\(report.summary)")
  }

  @Test("17.4's invariants hold on the canonical schedule too")
  func canonical() throws {
    let section = try #require(Catalog.section("17.4"))
    let (recording, broken) = Explorer(section: section).check(.init())
    #expect(recording.failure == nil)
    #expect(broken.isEmpty)
    #expect(
      section.invariants.map(\.name) == [
        "result i after loiter(i) done", "results in input order", "makespan 5 s",
        "at most 3 calls at once",
      ])
  }
}
