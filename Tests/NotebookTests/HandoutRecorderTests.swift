import ConcurrencyRuntime
import Notebook
import Testing

@Suite("HandoutRecorder")
struct HandoutRecorderTests {
  @Test("keeps each section's prose and cells in reading order, each cell with its record")
  func keepsBlocks() throws {
    let sections = try HandoutFixture.sections()
    #expect(sections.map(\.heading) == ["0.2 Tags & <angles>", "0.3 Failing"])
    let kinds = sections[0].blocks.map { block -> String in
      switch block {
      case .prose: return "prose"
      case .note: return "note"
      case .cell(let cell): return "cell \(cell.number)"
      case .listing(let listing): return "listing \(listing.file)"
      }
    }
    #expect(kinds == ["prose", "cell 1", "cell 2", "cell 3"])
    let cells = sections[0].cells
    #expect(
      cells.map(\.source) == [
        "let x = 1", "display(\"<b> & \\\"q\\\"\")\n// ``` fence", "twoWorkers()",
      ])
    #expect(cells[1].record.output == "[09:00:00] <b> & \"q\" ```\n")
    #expect(cells[2].record.output == "[09:00:01] job 1 done\n[09:00:02] job 2 done\n")
    #expect(cells[2].timeline.rows.count == 2)
    #expect(cells[0].timeline.isEmpty && cells[1].timeline.isEmpty)
  }

  @Test("a cell that fails is kept with its failure, and its section ends there")
  func keepsFailure() throws {
    let failing = try HandoutFixture.sections()[1]
    #expect(failing.cells.count == 1)
    #expect(failing.cells[0].record.failure == "the cell gave up")
  }
}
