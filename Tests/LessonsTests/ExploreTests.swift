import Foundation
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
        "result i after loiter(i) done", "results in input order",
        "makespan as planned (5 s by default)", "at most workers calls at once (3 by default)",
      ])
  }
}

@Suite("17.4's two seeds side by side")
struct TwoSeedsTests {
  @Test("the two columns end the calls in different orders, and give results in input order")
  func twoSeeds() throws {
    let section = try #require(Catalog.section("17.4"))
    let recording = NotebookRunner(configuration: .canonical).record(section)
    let output = try #require(recording.cell(named: "two-seeds")?.output)
    let rows = output.split(separator: "\n").dropFirst()
    let left = rows.map { String($0.prefix(36)).trimmingCharacters(in: .whitespaces) }
    let right = rows.map { String($0.dropFirst(36)) }
    func calls(_ column: [String]) -> [String] { column.filter { $0.hasSuffix(" done") } }
    func results(_ column: [String]) -> [String] { column.filter { $0.contains("] result ") } }
    #expect(calls(left).count == 5)
    #expect(Set(calls(left)) == Set(calls(right)))
    #expect(calls(left) != calls(right), "the seeds end the calls in different orders")
    let inOrder = (0..<5).map { "result \($0 * 10)" }
    #expect(results(left).map { String($0.dropFirst(11)) } == inOrder)
    #expect(results(right).map { String($0.dropFirst(11)) } == inOrder)
  }
}
