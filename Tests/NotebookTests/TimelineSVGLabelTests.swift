import ConcurrencyRuntime
import Testing

@testable import Notebook

/// Where a bar's label goes in the SVG chart: inside, after, or only in its tooltip.
@Suite("TimelineSVG labels")
struct TimelineSVGLabelTests {
  /// A 10 s cell on one lane: `long label inside` from 0 to 6 s, `tight` from 6 to 6.1 s right
  /// before `next` from 6.1 to 8 s, and `last one, cut at the edge` from 9.9 to 10 s.
  private func svg() -> String {
    func event(_ seconds: Double, _ kind: TraceEvent.Kind) -> TraceEvent {
      TraceEvent(time: .milliseconds(Int64(seconds * 1000)), actor: "w", kind: kind)
    }
    func span(_ id: Int, _ label: String) -> TraceEvent.Kind {
      .spanStarted(TaskSpan(id: id, label: label, lane: .thread("w"), executor: "pool"))
    }
    let events = [
      event(0, span(0, "long label inside")), event(6, .spanEnded(id: 0)),
      event(6, span(1, "tight")), event(6.1, .spanEnded(id: 1)),
      event(6.1, span(2, "next")), event(8, .spanEnded(id: 2)),
      event(9.9, span(3, "last one, cut at the edge")), event(10, .spanEnded(id: 3)),
    ]
    let record = CellRecord(
      number: 1, name: "labels", failure: nil, output: "", events: events, start: .zero,
      end: .seconds(10))
    var picture = TimelineSVG()
    picture.add(Timeline(record), sectionID: "0.1", sectionTitle: "Labels")
    return picture.document
  }

  @Test("a label that fits its bar is inside; one with no room is only the bar's tooltip")
  func placement() {
    let text = svg()
    let labels = text.components(separatedBy: "class=\"bar-label\"").dropFirst().compactMap {
      $0.split(separator: ">", maxSplits: 1).last?.split(separator: "<").first.map(String.init)
    }
    #expect(labels == ["long label inside", "next"])
    for label in ["long label inside", "tight", "next", "last one, cut at the edge"] {
      #expect(text.contains("<title>\(label)</title></rect>"), "\(label)'s tooltip")
    }
  }
}
