import ConcurrencyRuntime
import Lessons
import Notebook
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// Virtual time is deterministic: every section of the catalogue, run 100 times on the
/// canonical virtual schedule, prints the same text and records the same events every time.
///
/// The sections come from `Catalog.sections`, so a section added there is covered without a
/// change here. Each run is in-process (`NotebookRunner`), so a hundred of them are quick.
@Suite("Determinism")
struct DeterminismTests {
  /// How many runs of each section must agree: a hundred, or ten under the Thread Sanitizer,
  /// which looks for races (one run shows them as well as a hundred) and makes the sections'
  /// real computing (17.3's digests) many times slower; a hundred would take minutes there.
  static let runs = threadSanitizerIsRunning ? 10 : 100

  /// Whether this process runs under the Thread Sanitizer: its runtime defines `__tsan_init`.
  static let threadSanitizerIsRunning = dlsym(nil, "__tsan_init") != nil

  @Test(
    "100 canonical virtual runs (10 under the Thread Sanitizer) print the same text and events",
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
