import Foundation
import Notebook
import Runtime
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

  @Test("cells run in order in one runtime, and each start is marked in the trace")
  func marksCells() throws {
    let events = try NotebookRunner(configuration: .virtual(seed: nil)).run(
      sample, renderer: TextRenderer(style: .plain) { _ in })
    let marks = events.compactMap { event -> String? in
      if case .mark(let label) = event.kind { return "\(label) at \(event.time)" }
      return nil
    }
    #expect(marks == ["cell 1 at 0.0 seconds", "cell 2 at 0.0 seconds", "cell 3 at 0.0 seconds"])
    #expect(events.last?.time == .seconds(2))
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
    renderer.cellEnded(1, error: nil)
    #expect(collector.text == "In [1]:\n    x\n\nBR CN \n\n")
  }
}
