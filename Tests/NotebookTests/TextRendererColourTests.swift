import ConcurrencyRuntime
import Testing

@testable import Notebook

@Suite("TextRenderer colour")
struct TextRendererColourTests {
  private func render(_ style: TextRenderer.Style, pieces: [String]) -> String {
    let collector = Collector()
    let renderer = TextRenderer(style: style, write: collector.write)
    renderer.cell(2, source: "go()")
    for piece in pieces {
      renderer.output(ConsoleOutput(time: .zero, thread: "main", text: piece))
    }
    return collector.text
  }

  @Test("in colour, the cell header and each stamp that begins a line are painted")
  func colouredStamps() {
    let text = render(.color, pieces: ["[09:00:00] one\n", "BR ", "[09:00:01] not a stamp\n"])
    #expect(text.contains("\u{1B}[1;34mIn [2]:\u{1B}[0m"))
    #expect(text.contains("\n\u{1B}[33m[09:00:00]\u{1B}[0m one\n"))
    #expect(text.contains("BR [09:00:01] not a stamp\n"), "a stamp mid-line is left alone")
  }

  @Test("a piece of several lines has each of its stamps painted, and is written once")
  func severalLines() {
    let collector = Collector()
    let renderer = TextRenderer(style: .color, write: collector.write)
    renderer.cell(1, source: "x")
    renderer.output(
      ConsoleOutput(time: .zero, thread: "main", text: "[09:00:00] a\n[09:00:02] b\n"))
    #expect(
      collector.text.hasSuffix(
        "\n\u{1B}[33m[09:00:00]\u{1B}[0m a\n\u{1B}[33m[09:00:02]\u{1B}[0m b\n"))
  }

  @Test("plain text has no escape sequence at all")
  func plain() {
    let text = render(.plain, pieces: ["[09:00:00] one\n"])
    #expect(text == "In [2]:\n    go()\n\n[09:00:00] one\n")
  }
}
