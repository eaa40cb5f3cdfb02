import ConcurrencyRuntime
import Foundation
import Testing

@testable import Notebook

/// Keys from a script, and what the presenter prompted, in order.
private final class ScriptedKeys: KeySource, @unchecked Sendable {
  private let lock = NSLock()
  private var keys: [PresenterKey]
  private(set) var prompts: [String] = []

  init(_ keys: [PresenterKey]) { self.keys = keys }

  func nextKey() -> PresenterKey {
    lock.withLock { keys.isEmpty ? .quit : keys.removeFirst() }
  }

  var prompt: PromptLine {
    PromptLine(
      show: { text in self.lock.withLock { self.prompts.append(text) } }, clear: {})
  }
}

private let three = Section(
  id: "0.4", title: "Three cells",
  blocks: [
    .prose("First, a greeting."),
    .cell(Cell(name: "one", source: "display(\"one\")") { Runtime.current.console.display("one") }),
    .cell(Cell(name: "two", source: "display(\"two\")") { Runtime.current.console.display("two") }),
    .cell(
      Cell(name: "three", source: "display(\"three\")") {
        Runtime.current.console.display("three")
      }),
  ])

/// Runs `three` with a presenter reading `keys`; returns what was shown, the prompts and how
/// the run ended.
private func present(_ keys: [PresenterKey]) -> (text: String, prompts: [String], error: Error?) {
  let script = ScriptedKeys(keys)
  let collector = Collector()
  let presenter = Presenter(
    keys: script, style: .plain, prompt: script.prompt, output: collector.write)
  var error: Error?
  do {
    try NotebookRunner(configuration: .canonical, gate: presenter).run(
      three, renderer: TextRenderer(style: .plain, write: collector.write))
  } catch let caught {
    error = caught
  }
  return (collector.text, script.prompts, error)
}

@Suite("Presenter")
struct PresenterTests {
  @Test("Enter before each cell runs them all; each prompt names the cell and the keys")
  func throughEveryCell() {
    let run = present([.next, .next, .next])
    #expect(run.error == nil)
    #expect(run.text.contains("[09:00:00] three\n"))
    #expect(
      run.prompts == [
        "In [1] of 0.4 is next.  Enter: run it   q: quit",
        "In [2] of 0.4 is next.  Enter: run it   b: In [1] again   q: quit",
        "In [3] of 0.4 is next.  Enter: run it   b: In [2] again   q: quit",
      ])
  }

  @Test("q stops before the cell, with where it stopped; the code was shown, not run")
  func quit() throws {
    let run = present([.next, .quit])
    let stop = try #require(run.error as? StoppedBeforeCell)
    #expect(stop == StoppedBeforeCell(sectionID: "0.4", number: 2, count: 3))
    #expect("\(stop)" == "stopped before In [2] of 0.4 (1 of 3 cells run)")
    #expect(run.text.contains("In [2]:\n    display(\"two\")\n"))
    #expect(!run.text.contains("] two"))
  }

  @Test("the end of the input quits like q")
  func endOfInput() {
    let run = present([])
    #expect(
      run.error as? StoppedBeforeCell == StoppedBeforeCell(sectionID: "0.4", number: 1, count: 3))
    #expect(run.prompts.count == 1)
  }

  @Test("b shows the previous cell again with what it printed, then the next cell's code")
  func back() {
    let run = present([.next, .next, .back, .other, .next])
    #expect(run.error == nil)
    #expect(
      run.text.contains(
        """
        Again, In [2] and what it printed:

        In [2]:
            display("two")

        [09:00:00] two

        Next:

        In [3]:
            display("three")

        [09:00:00] three
        """))
    #expect(run.prompts.count == 5, "b and an unknown key each prompt again")
  }

  @Test("b before the first cell says there is none")
  func backAtFirst() {
    let run = present([.back, .quit])
    #expect(run.text.contains("In [1] is the first cell of 0.4.\n"))
  }

  @Test("a terminal's key presses mean what the help says")
  func terminalKeys() {
    let table: [([UInt8], PresenterKey)] = [
      ([0x0D], .next), ([0x0A], .next), ([0x20], .next), (Array("n".utf8), .next),
      ([0x1B, 0x5B, 0x43], .next), ([0x1B, 0x5B, 0x36, 0x7E], .next),
      (Array("b".utf8), .back), ([0x1B, 0x5B, 0x44], .back), ([0x1B, 0x5B, 0x35, 0x7E], .back),
      (Array("q".utf8), .quit), ([0x1B], .quit), ([0x03], .quit), ([0x04], .quit),
      (Array("x".utf8), .other), ([0x1B, 0x5B, 0x41], .other), (Array("qq".utf8), .other),
    ]
    for (bytes, key) in table {
      #expect(TerminalKeys.key(bytes) == key, "\(bytes)")
    }
  }

  @Test("the prompt fits 80 columns and is reverse video only in colour")
  func promptText() {
    let cue = CellCue(sectionID: "17.5", number: 10, count: 12, source: "", previous: nil)
    #expect(Presenter.promptText(cue, color: false).count <= 80)
    #expect(Presenter.promptText(cue, color: true).hasPrefix("\u{1B}[7m"))
    #expect(!Presenter.promptText(cue, color: false).contains("\u{1B}"))
  }

  @Test("in Korean, the prompt, the stop line and the notes of b are Korean")
  func korean() {
    let cue = CellCue(sectionID: "17.4", number: 2, count: 3, source: "", previous: nil)
    #expect(
      Presenter.promptText(cue, color: false, language: .korean)
        == "다음은 17.4의 In [2]입니다.  Enter: 실행   b: In [1] 다시   q: 끝내기")
    #expect(
      StoppedBeforeCell(sectionID: "17.4", number: 3, count: 3).text(in: .korean)
        == "17.4의 In [3] 앞에서 멈췄습니다(셀 3개 중 2개 실행)")
    let script = ScriptedKeys([.back, .quit])
    let collector = Collector()
    let presenter = Presenter(
      keys: script, style: .plain, prompt: script.prompt, language: .korean,
      output: collector.write)
    #expect(!presenter.proceed(to: cue))
    #expect(collector.text == "17.4의 첫 셀은 In [2]입니다.\n\n")
  }
}
