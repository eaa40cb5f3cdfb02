import ConcurrencyRuntime
import Notebook
import Testing

/// A cell of 4 seconds: worker-1 runs `A` from 0 to 2 s, asleep from 0.5 s on, then the
/// instant `B` at 2 s; worker-2 runs `C` from 1 to 4 s, running throughout.
private func record() -> CellRecord {
  func event(_ seconds: Double, _ actor: String, _ kind: TraceEvent.Kind) -> TraceEvent {
    TraceEvent(time: .milliseconds(Int64(seconds * 1000)) + .seconds(10), actor: actor, kind: kind)
  }
  func span(_ id: Int, _ label: String, _ lane: String) -> TraceEvent.Kind {
    .spanStarted(TaskSpan(id: id, label: label, lane: .thread(lane), executor: "pool"))
  }
  let events = [
    event(0, "worker-1", span(0, "A", "worker-1")),
    event(0.5, "worker-1", .blocked(.sleep(until: .seconds(12)))),
    event(1, "worker-2", span(1, "C", "worker-2")),
    event(2, "worker-1", .unblocked),
    event(2, "worker-1", .spanEnded(id: 0)),
    event(2, "worker-1", span(2, "B", "worker-1")),
    event(2, "worker-1", .spanEnded(id: 2)),
    event(4, "worker-2", .spanEnded(id: 1)),
  ]
  return CellRecord(
    number: 3, name: "fixture", failure: nil, output: "", events: events, start: .seconds(10),
    end: .seconds(14))
}

@Suite("Timeline")
struct TimelineTests {
  @Test("lanes in order of their first task, bars at their span times")
  func rows() {
    let timeline = Timeline(record())
    #expect(timeline.rows.map(\.lane) == [.thread("worker-1"), .thread("worker-2")])
    #expect(timeline.rows[0].bars.map(\.label) == ["A", "B"])
    #expect(timeline.rows[0].bars[0].start == .zero)
    #expect(timeline.rows[0].bars[0].end == .seconds(2))
    #expect(timeline.rows[1].bars[0].start == .seconds(1))
    #expect(timeline.rows[1].bars[0].end == .seconds(4))
    #expect(timeline.rows[0].waits == [Duration.milliseconds(500)..<Duration.seconds(2)])
    #expect(timeline.rows[1].waits.isEmpty)
    #expect(timeline.duration == .seconds(4))
  }

  @Test("a span inside another on its lane (a request, a slice of CPU) is part of its bar")
  func nested() {
    func event(_ seconds: Double, _ kind: TraceEvent.Kind) -> TraceEvent {
      TraceEvent(time: .milliseconds(Int64(seconds * 1000)), actor: "w", kind: kind)
    }
    func span(_ id: Int, _ label: String) -> TraceEvent.Kind {
      .spanStarted(TaskSpan(id: id, label: label, lane: .thread("w"), executor: "pool"))
    }
    let events = [
      event(0, span(0, "BR")), event(0.1, span(1, "GET")), event(0.2, span(2, "cpu")),
      event(0.3, .spanEnded(id: 2)), event(0.9, .spanEnded(id: 1)), event(1, .spanEnded(id: 0)),
      event(1, span(3, "CN")), event(1.5, span(4, "GET")), event(2, .spanEnded(id: 4)),
      event(2, .spanEnded(id: 3)),
    ]
    let record = CellRecord(
      number: 2, name: "nested", failure: nil, output: "", events: events, start: .zero,
      end: .seconds(2))
    let bars = Timeline(record).rows.map { $0.bars.map(\.label) }
    #expect(bars == [["BR", "CN"]])
    #expect(Timeline(record).rows[0].bars.map(\.end) == [.seconds(1), .seconds(2)])
  }

  @Test("the chart: a scale in seconds, labelled bars, = running and . waiting")
  func chart() {
    // 36 columns for 4 s, 8.75 a second: A ends at column 18, C spans 9 to 35, and A's lane
    // waits from column 5 (0.57 s) on.
    let text = Timeline(record()).text(width: 50)
    #expect(
      text == """
        Timeline of In [3], 4s (= running, . waiting)
                  0s       1s       2s      3s       4s
        worker-1  [A===.............]|  | B at 2s
        worker-2           [C========================]

        """)
    for line in text.split(separator: "\n") { #expect(line.count <= 50) }
  }

  @Test("every line fits the width asked for", arguments: [50, 60, 80, 120])
  func fits(width: Int) {
    for line in Timeline(record()).text(width: width).split(separator: "\n") {
      #expect(line.count <= width, "\(line)")
    }
  }

  @Test("in Korean, the heading and the instants' notes are Korean and the bars the same")
  func korean() {
    let text = Timeline(record()).text(width: 60, language: .korean)
    let english = Timeline(record()).text(width: 60)
    #expect(text.hasPrefix("In [3]의 타임라인, 4s (= 실행, . 대기)\n"))
    #expect(text.contains("| B: 2s에 끝남\n"))
    #expect(text.split(separator: "\n")[1] == english.split(separator: "\n")[1])
    #expect(text.split(separator: "\n")[3] == english.split(separator: "\n")[3])
  }

  @Test("in Korean every line fits the width, as a terminal counts it", arguments: [50, 60, 80])
  func koreanFits(width: Int) {
    for line in Timeline(record()).text(width: width, language: .korean).split(separator: "\n") {
      #expect(DisplayWidth.columns(of: line) <= width, "\(line)")
    }
  }

  @Test("a cell with no task spans has no timeline")
  func empty() {
    let quiet = CellRecord(
      number: 1, name: "quiet", failure: nil, output: "", events: [], start: .zero, end: .zero)
    #expect(Timeline(quiet).isEmpty)
  }
}
