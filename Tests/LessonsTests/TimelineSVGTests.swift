import ConcurrencyRuntime
import Foundation
import Lessons
import Notebook
import Testing

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// The elements of an SVG document, with their attributes and the lane each one is in.
private final class SVGElements: NSObject, XMLParserDelegate {
  struct Element {
    var name: String
    var attributes: [String: String]
    var lane: String?
    var text = ""
    var classes: [String] { (attributes["class"] ?? "").split(separator: " ").map(String.init) }
  }
  var elements: [Element] = []
  private var lanes: [String?] = []
  private var open: [Int] = []

  init(_ document: String) throws {
    super.init()
    let parser = XMLParser(data: Data(document.utf8))
    parser.delegate = self
    guard parser.parse() else { throw SVGParseError() }
  }

  func parser(
    _ parser: XMLParser, didStartElement name: String, namespaceURI: String?,
    qualifiedName: String?, attributes: [String: String]
  ) {
    let lane = attributes["data-lane"] ?? lanes.last ?? nil
    lanes.append(lane)
    elements.append(Element(name: name, attributes: attributes, lane: lane))
    open.append(elements.count - 1)
  }

  func parser(_ parser: XMLParser, foundCharacters string: String) {
    if let index = open.last { elements[index].text += string }
  }

  func parser(
    _ parser: XMLParser, didEndElement name: String, namespaceURI: String?,
    qualifiedName: String?
  ) {
    lanes.removeLast()
    open.removeLast()
  }

  func all(_ name: String, class wanted: String) -> [Element] {
    elements.filter { $0.name == name && $0.classes.contains(wanted) }
  }
}

private struct SVGParseError: Error {}

@Suite("--timeline-svg")
struct TimelineSVGTests {
  /// 17.4 in virtual time, its SVG, and the spans of the experiment's cell from the trace.
  private func run() throws -> (svg: TimelineSVG, spans: [(TaskSpan, Double, Double)]) {
    let section = try #require(Catalog.section("17.4"))
    let renderer = TimelineSVGRenderer(TextRenderer(style: .plain) { _ in })
    let events = try NotebookRunner(configuration: .canonical).run(section, renderer: renderer)
    let start = try #require(events.first { $0.kind == .cellStarted(2) }).time
    var spans: [Int: (TaskSpan, Double, Double)] = [:]
    var order: [Int] = []
    for event in events {
      let time = (event.time - start).seconds
      switch event.kind {
      case .spanStarted(let span):
        spans[span.id] = (span, time, time)
        order.append(span.id)
      case .spanEnded(let id):
        spans[id]?.2 = time
      default:
        break
      }
    }
    return (renderer.svg, order.compactMap { spans[$0] })
  }

  @Test("one chart, titled with the section and the cell, and no script")
  func title() throws {
    let (svg, _) = try run()
    let elements = try SVGElements(svg.document)
    #expect(svg.charts.count == 1)
    #expect(elements.elements.first?.name == "svg")
    let titles = elements.all("text", class: "title").map(\.text)
    #expect(titles == ["17.4 Experimenting with Executor.map: In [2], 5s"])
    #expect(!svg.document.contains("<script"))
    #expect(!svg.document.contains("href"))
  }

  @Test("one lane per worker thread, one bar per task, at its span's times")
  func bars() throws {
    let (svg, spans) = try run()
    let elements = try SVGElements(svg.document)
    let lanes = elements.all("g", class: "lane").compactMap { $0.attributes["data-lane"] }
    #expect(
      lanes == ["ThreadPoolExecutor-0_0", "ThreadPoolExecutor-0_1", "ThreadPoolExecutor-0_2"])
    let bars = elements.all("rect", class: "bar")
    #expect(bars.count == spans.count)
    #expect(spans.count == 5)
    let scale = TimelineSVG.scale(of: try #require(svg.charts.first).timeline)
    for (span, start, end) in spans {
      let bar = try #require(bars.first { $0.attributes["data-label"] == span.label })
      #expect(bar.lane == span.lane.description, "bar \(span.label) is in its span's lane")
      #expect(Double(bar.attributes["data-start"] ?? "") == start)
      #expect(Double(bar.attributes["data-end"] ?? "") == end)
      let x = try #require(Double(bar.attributes["x"] ?? ""))
      #expect(abs(x - (TimelineSVG.plotLeft + start * scale)) < 0.001, "bar \(span.label) at x")
      if end > start {
        let width = try #require(Double(bar.attributes["width"] ?? ""))
        #expect(abs(width - (end - start) * scale) < 0.001, "bar \(span.label) width")
      }
    }
  }

  @Test("waiting is drawn apart from running, and the axis is in seconds")
  func waitsAndAxis() throws {
    let (svg, _) = try run()
    let elements = try SVGElements(svg.document)
    // loiter only sleeps: every bar that lasts has a waiting stretch over it.
    #expect(elements.all("rect", class: "wait").count == 4)
    let ticks = elements.all("text", class: "tick").map(\.text)
    #expect(ticks.first == "0 s")
    #expect(ticks.last == "5 s")
  }
}
