import ConcurrencyRuntime
import Foundation
import Notebook
import Testing

/// Collects rendered text.
final class Collector: @unchecked Sendable {
  private let lock = NSLock()
  private var parts: [String] = []
  var write: @Sendable (String) -> Void {
    { text in self.lock.withLock { self.parts.append(text) } }
  }
  var text: String { lock.withLock { parts.joined() } }
}

struct Failure: Error, CustomStringConvertible {
  var description: String { "the cell gave up" }
}

private let sample = Section(
  id: "0.1", title: "Sample",
  blocks: [
    .prose("Some words."),
    .cell(
      Cell(name: "first", source: "display(\"one\")") { Runtime.current.console.display("one") }),
    .cell(Cell(name: "quiet", source: "let x = 1", run: {})),
    .cell(
      Cell(name: "second", source: "sleep(2)\nshow(\"two\")") {
        Runtime.current.sleep(for: .seconds(2))
        Runtime.current.console.write("two")
      }),
  ])

@Suite("NotebookRunner")
struct NotebookRunnerTests {
  @Test("a section renders as prose, numbered cells with their code, and their output")
  func rendersSection() throws {
    let collector = Collector()
    try NotebookRunner(configuration: .virtual(seed: nil)).run(
      sample, renderer: TextRenderer(style: .plain, write: collector.write))
    #expect(
      collector.text == """
        0.1  Sample
        ===========

        Some words.

        In [1]:
            display("one")

        [09:00:00] one

        In [2]:
            let x = 1

        In [3]:
            sleep(2)
            show("two")

        two


        """)
  }

  @Test("cells run in order in one runtime, each between typed start and end events")
  func marksCells() throws {
    let events = try NotebookRunner(configuration: .virtual(seed: nil)).run(
      sample, renderer: TextRenderer(style: .plain) { _ in })
    let marks = events.compactMap { event -> String? in
      switch event.kind {
      case .cellStarted(let number): return "start \(number) at \(event.time)"
      case .cellEnded(let number, let failure):
        return "end \(number) at \(event.time)" + (failure.map { ": \($0)" } ?? "")
      default: return nil
      }
    }
    #expect(
      marks == [
        "start 1 at 0.0 seconds", "end 1 at 0.0 seconds", "start 2 at 0.0 seconds",
        "end 2 at 0.0 seconds", "start 3 at 0.0 seconds", "end 3 at 2.0 seconds",
      ])
    #expect(events.last?.time == .seconds(2))
  }

  @Test("the renderer gets each cell's record: number, name, outcome, output and events")
  func records() throws {
    let renderer = RecordingRenderer()
    #expect(throws: NotebookError.self) {
      try NotebookRunner(configuration: .virtual(seed: nil)).run(
        Section(
          id: "0.3", title: "Records",
          blocks: [
            .cell(
              Cell(name: "sleepy", source: "") {
                let rt = Runtime.current
                rt.console.write("a\n")
                rt.sleep(for: .seconds(3))
                rt.console.write("b\n")
              }),
            .cell(Cell(name: "bad", source: "") { throw Failure() }),
          ]), renderer: renderer)
    }
    let records = renderer.records
    #expect(records.map(\.number) == [1, 2])
    #expect(records.map(\.name) == ["sleepy", "bad"])
    #expect(records[0].output == "a\nb\n" && records[0].failure == nil)
    #expect(records[0].duration == .seconds(3))
    #expect(records[0].events.first?.kind == .cellStarted(1))
    #expect(records[0].events.last?.kind == .cellEnded(1, failure: nil))
    #expect(records[0].events.contains { $0.kind == .blocked(.sleep(until: .seconds(3))) })
    #expect(records[1].failure == "the cell gave up")
  }

  @Test("a failing cell is shown and stops the section")
  func failingCell() throws {
    let failing = Section(
      id: "0.2", title: "Failing",
      blocks: [
        .cell(Cell(name: "bad", source: "throw") { throw Failure() }),
        .cell(Cell(name: "never", source: "never") { Issue.record("ran after a failure") }),
      ])
    let collector = Collector()
    #expect(throws: NotebookError.cellFailed(number: 1, error: "the cell gave up")) {
      try NotebookRunner(configuration: .virtual(seed: nil)).run(
        failing, renderer: TextRenderer(style: .plain, write: collector.write))
    }
    #expect(collector.text.hasSuffix("In [1]:\n    throw\n\nError in cell 1: the cell gave up\n\n"))
  }

  @Test("live mode runs the same cells on the real clock")
  func live() throws {
    let collector = Collector()
    try NotebookRunner(configuration: .live(speed: 100)).run(
      sample, renderer: TextRenderer(style: .plain, write: collector.write))
    #expect(collector.text.contains("In [3]:"))
    #expect(collector.text.contains("\ntwo\n"))
  }
}

@Suite("TextRenderer")
struct TextRendererTests {
  @Test("colour decorates prompts and code; plain text has no escape sequences")
  func styles() throws {
    let plain = Collector()
    let color = Collector()
    for (style, collector) in [(TextRenderer.Style.plain, plain), (.color, color)] {
      try NotebookRunner(configuration: .virtual(seed: nil)).run(
        sample, renderer: TextRenderer(style: style, write: collector.write))
    }
    #expect(!plain.text.contains("\u{1B}["))
    #expect(color.text.contains("\u{1B}[1;34mIn [1]:\u{1B}[0m"))
    let stripped = color.text.replacingOccurrences(
      of: "\u{1B}\\[[0-9;]*m", with: "", options: .regularExpression)
    #expect(stripped == plain.text)
  }

  @Test("output from a cell that does not end its line is closed before the next cell")
  func closesLines() {
    let collector = Collector()
    let renderer = TextRenderer(style: .plain, write: collector.write)
    renderer.cell(1, source: "x")
    renderer.output(ConsoleOutput(time: .zero, thread: "MainThread", text: "BR "))
    renderer.output(ConsoleOutput(time: .zero, thread: "MainThread", text: "CN "))
    renderer.cellEnded(
      CellRecord(
        number: 1, name: "x", failure: nil, output: "BR CN ", events: [], start: .zero, end: .zero))
    #expect(collector.text == "In [1]:\n    x\n\nBR CN \n\n")
  }
}

/// Keeps the cell records a run hands its renderer.
final class RecordingRenderer: Renderer, @unchecked Sendable {
  private let lock = NSLock()
  private var kept: [CellRecord] = []
  var records: [CellRecord] { lock.withLock { kept } }

  func begin(_ section: Section) {}
  func prose(_ text: String) {}
  func cell(_ number: Int, source: String) {}
  func output(_ piece: ConsoleOutput) {}
  func cellEnded(_ record: CellRecord) { lock.withLock { kept.append(record) } }
  func end(_ section: Section) {}
}
