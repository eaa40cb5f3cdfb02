import ConcurrencyRuntime
import TestSupport
import Testing

@testable import Notebook

@Suite("ProgressBar")
struct ProgressBarTests {
  @Test("it renders like tqdm")
  func render() {
    #expect(
      ProgressBar.render(count: 20, total: 20, elapsed: .milliseconds(10_610))
        == "100%|██████████| 20/20 [00:10<00:00,  1.89it/s]")
    #expect(
      ProgressBar.render(count: 100, total: 100, elapsed: .milliseconds(725))
        == "100%|██████████| 100/100 [00:00<00:00, 137.93it/s]")
    #expect(
      ProgressBar.render(count: 0, total: 20, elapsed: .zero)
        == "  0%|          | 0/20 [00:00<?, ?it/s]")
    #expect(
      ProgressBar.render(count: 5, total: 20, elapsed: .seconds(10))
        == " 25%|██▌       | 5/20 [00:10<00:30,  2.00s/it]")
    #expect(
      ProgressBar.render(count: 1, total: 3, elapsed: .seconds(3700))
        == " 33%|███▎      | 1/3 [1:01:40<2:03:20, 3700.00s/it]")
  }

  @Test("on a terminal the line takes the terminal's width less one column, as tqdm's does")
  func fitsTheWidth() {
    let elapsed = Duration.milliseconds(10_610)
    let wide = ProgressBar.render(count: 10, total: 20, elapsed: elapsed, columns: 100)
    #expect(wide.count == 99)
    #expect(wide.hasPrefix(" 50%|" + String(repeating: "█", count: 30)))
    let narrow = ProgressBar.render(count: 10, total: 20, elapsed: elapsed, columns: 40)
    #expect(narrow.count == 39)
    #expect(narrow.hasSuffix("| 10/20 [00:10<00:10,  1.06s/it]"))
    let tiny = ProgressBar.render(count: 10, total: 20, elapsed: elapsed, columns: 20)
    #expect(tiny == " 50% 10/20 [00:10<0")
    #expect(ProgressBar.render(count: 1, total: 2, elapsed: elapsed, columns: 1) == "")
    #expect(
      ProgressBar.render(count: 20, total: 20, elapsed: elapsed, columns: nil)
        == ProgressBar.render(count: 20, total: 20, elapsed: elapsed))
  }

  @Test("every redraw at 40 columns fits in 39, so none wraps onto a line of its own")
  func redrawsFit() throws {
    let runtime = Runtime.virtual()
    let sink = TextSink()
    try runtime.run {
      let output = ProgressOutput(redraws: true, columns: { 40 }, write: sink.write)
      let bar = ProgressBar(total: 1000, runtime: runtime, output: output)
      for _ in 0..<1000 {
        runtime.sleep(for: .milliseconds(10))
        bar.update()
      }
    }
    let draws = sink.text.split(separator: "\r").map { $0.trimmingCharacters(in: .newlines) }
    #expect(draws.count > 90)
    for draw in draws { #expect(draw.count <= 39, "\(draw)") }
    #expect(draws.last == "100% 1000/1000 [00:10<00:00, 100.00it/s")
  }

  @Test("off a terminal only the final state is written, once, with a newline")
  func finalOnly() throws {
    let runtime = Runtime.virtual()
    let sink = TextSink()
    try runtime.run {
      let bar = ProgressBar(
        total: 4, runtime: runtime, output: ProgressOutput(redraws: false, write: sink.write))
      for _ in 0..<4 {
        runtime.sleep(for: .milliseconds(500))
        bar.update()
      }
      bar.update()
      bar.close()
    }
    #expect(sink.text == "100%|██████████| 4/4 [00:02<00:00,  2.00it/s]\n")
  }

  @Test("on a terminal it redraws in place, at most every 0.1 s, and ends with a newline")
  func redraws() throws {
    let runtime = Runtime.virtual()
    let sink = TextSink()
    try runtime.run {
      let bar = ProgressBar(
        total: 10, runtime: runtime, output: ProgressOutput(redraws: true, write: sink.write))
      for step in 0..<10 {
        runtime.sleep(for: .milliseconds(step < 5 ? 10 : 200))
        bar.update()
      }
    }
    let draws = sink.text.split(separator: "\r", omittingEmptySubsequences: true)
    #expect(draws.first == "  0%|          | 0/10 [00:00<?, ?it/s]")
    #expect(draws.count == 1 + 5)
    #expect(draws.last == "100%|██████████| 10/10 [00:01<00:00,  9.52it/s]\n")
    #expect(sink.text.filter { $0 == "\n" }.count == 1)
  }

  @Test("close() after stopping short shows where it stopped")
  func closeEarly() throws {
    let runtime = Runtime.virtual()
    let sink = TextSink()
    try runtime.run {
      let bar = ProgressBar(
        total: 10, runtime: runtime, output: ProgressOutput(redraws: false, write: sink.write))
      runtime.sleep(for: .seconds(1))
      bar.update(3)
      bar.close()
      bar.close()
      #expect(bar.count == 3)
    }
    #expect(sink.text == " 30%|███       | 3/10 [00:01<00:02,  3.00it/s]\n")
  }
}
