import ConcurrencyRuntime
import Lessons
import Notebook
import Testing

/// Virtual time is deterministic: every section of the catalogue, run 100 times on the
/// canonical virtual schedule, prints the same text and records the same events every time.
///
/// The sections come from `Catalog.sections`, so a section added there is covered without a
/// change here. Each run is in-process (`NotebookRunner`), so a hundred of them are quick.
@Suite("Determinism")
struct DeterminismTests {
  /// How many runs of each section must agree.
  static let runs = 100

  @Test(
    "100 canonical virtual runs print the same text and record the same events",
    arguments: Catalog.sections.map(\.id))
  func hundredRunsAgree(id: String) throws {
    let first = try SectionRun(id, mode: .canonical)
    #expect(!first.text.isEmpty)
    #expect(first.events.contains { $0.output != nil })
    var differing: [Int] = []
    for run in 1..<Self.runs {
      let again = try SectionRun(id, mode: .canonical)
      if again.text != first.text || again.events != first.events { differing.append(run) }
    }
    #expect(differing.isEmpty, "runs that differ from the first: \(differing)")
  }
}
