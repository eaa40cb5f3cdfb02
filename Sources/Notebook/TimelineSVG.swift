import ConcurrencyRuntime
import Foundation

/// Cells' timelines as one standalone SVG picture: for each cell that ran concurrent work, a
/// title naming the section and the cell, one lane per thread, task or process, each task a
/// labelled bar at its span's times, waiting hatched and paler than running, and a time axis
/// in seconds. No scripts, no external resources.
///
/// Every bar carries its span's times (`data-start`, `data-end`, in seconds) and its place is
/// computed from them alone, so a test can check the picture against the trace.
///
///     var svg = TimelineSVG()
///     svg.add(Timeline(record), section: section)
///     try svg.document.write(toFile: "17.4.svg", atomically: true, encoding: .utf8)
public struct TimelineSVG: Sendable {
  /// One chart: a cell's timeline and the section it belongs to.
  ///
  /// Titled with both.
  ///
  ///     svg.charts[0].sectionID   // "17.4"
  public struct Chart: Sendable {
    /// The section's id.
    ///
    ///     chart.sectionID   // "17.4"
    public var sectionID: String
    /// The section's title.
    ///
    ///     chart.sectionTitle   // "Experimenting with Executor.map"
    public var sectionTitle: String
    /// The cell's timeline.
    ///
    ///     chart.timeline.cell   // 2
    public var timeline: Timeline
  }

  /// The charts, in the order they were added.
  ///
  /// Drawn top to bottom.
  ///
  ///     svg.charts.count   // 1 for 17.4
  public private(set) var charts: [Chart] = []

  /// Pixels from the left edge to where time 0 is drawn.
  ///
  /// Lane names sit to its left.
  ///
  ///     TimelineSVG.plotLeft   // 190
  public static let plotLeft = 190.0
  /// Pixels of width for the whole of a cell's duration.
  ///
  /// Every chart is this wide, whatever its duration.
  ///
  ///     TimelineSVG.plotWidth   // 600
  public static let plotWidth = 600.0

  static let laneHeight = 28.0
  static let barHeight = 18.0
  static let titleHeight = 34.0
  static let axisHeight = 30.0
  static let gap = 24.0

  /// An empty picture.
  ///
  /// Charts come with ``add(_:section:)``.
  ///
  ///     TimelineSVG().isEmpty   // true
  public init() {}

  /// Adds `timeline`'s chart, titled with `section`, unless it has nothing to draw.
  ///
  ///     svg.add(Timeline(record), section: section)
  ///     svg.charts.count   // 1
  public mutating func add(_ timeline: Timeline, section: Section) {
    add(timeline, sectionID: section.id, sectionTitle: section.title)
  }

  /// Adds `timeline`'s chart, titled with a section's id and title, unless it is empty.
  mutating func add(_ timeline: Timeline, sectionID: String, sectionTitle: String) {
    guard !timeline.isEmpty else { return }
    charts.append(Chart(sectionID: sectionID, sectionTitle: sectionTitle, timeline: timeline))
  }

  /// Whether there is no chart.
  ///
  ///     TimelineSVG().isEmpty   // true
  public var isEmpty: Bool { charts.isEmpty }

  /// Pixels per second of `timeline`'s chart.
  ///
  /// A bar starts at `plotLeft + start * scale`.
  ///
  ///     TimelineSVG.scale(of: timeline)   // 120 for a 5 s cell
  public static func scale(of timeline: Timeline) -> Double {
    plotWidth / max(Timeline.seconds(timeline.duration), 1e-9)
  }

  /// The SVG document.
  ///
  /// UTF-8 text, standalone, with no scripts.
  ///
  ///     svg.document.hasPrefix("<?xml")   // true
  public var document: String { document(idPrefix: "") }

  /// The SVG document with its pattern's id prefixed with `idPrefix`: for pictures shown
  /// side by side in one page that is not HTML's (a Jupyter notebook's outputs).
  ///
  ///     svg.document(idPrefix: "cell-2-").contains("id=\"cell-2-waiting\"")   // true
  public func document(idPrefix: String) -> String {
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      + element(namespace: " xmlns=\"http://www.w3.org/2000/svg\"", idPrefix: idPrefix)
  }

  /// The picture as an `<svg>` element to put inside an HTML page: no XML declaration, no
  /// namespace (HTML gives it), and its pattern's id prefixed with `idPrefix`, so that many
  /// pictures on one page keep their ids apart.
  ///
  ///     svg.inlineElement(idPrefix: "c2-").hasPrefix("<svg width=")   // true
  public func inlineElement(idPrefix: String) -> String {
    element(namespace: "", idPrefix: idPrefix)
  }

  private func element(namespace: String, idPrefix: String) -> String {
    let pattern = Self.escape(idPrefix) + "waiting"
    var body = ""
    var top = 10.0
    for chart in charts {
      body += Self.draw(chart, top: top, pattern: pattern)
      top += Self.height(of: chart.timeline) + Self.gap
    }
    let width = Self.plotLeft + Self.plotWidth + 40
    let height = max(top, 60)
    return """
      <svg\(namespace) width="\(Self.number(width))" \
      height="\(Self.number(height))" viewBox="0 0 \(Self.number(width)) \(Self.number(height))">
      <defs>
      <pattern id="\(pattern)" width="6" height="6" patternUnits="userSpaceOnUse" \
      patternTransform="rotate(45)"><rect width="6" height="6" fill="#dbe8f6"/>\
      <line x1="0" y1="0" x2="0" y2="6" stroke="#7fa7d6" stroke-width="2"/></pattern>
      </defs>
      <style>text { font-family: DejaVu Sans, Helvetica, Arial, sans-serif; font-size: 12px; \
      fill: #222; } .title { font-size: 15px; font-weight: bold; } \
      .tick { fill: #555; font-size: 11px; } .bar-label { fill: #0b2a4a; font-weight: bold; paint-order: stroke; stroke: #fff; \
      stroke-width: 3px; } \
      .legend { fill: #555; font-size: 11px; } \
      .instant-label { fill: #b5462f; font-size: 9px; font-weight: bold; paint-order: stroke; \
      stroke: #fff; stroke-width: 2px; }</style>
      <rect width="100%" height="100%" fill="#ffffff"/>
      \(body)</svg>

      """
  }

  static func height(of timeline: Timeline) -> Double {
    titleHeight + Double(timeline.rows.count) * laneHeight + axisHeight
  }

  private static func draw(_ chart: Chart, top: Double, pattern: String) -> String {
    let timeline = chart.timeline
    let scale = scale(of: timeline)
    func x(_ time: Duration) -> Double { plotLeft + Timeline.seconds(time) * scale }
    let section =
      chart.sectionTitle.isEmpty ? chart.sectionID : "\(chart.sectionID) \(chart.sectionTitle):"
    let title = "\(section) In [\(timeline.cell)], " + Timeline.label(timeline.duration)
    var svg = "<g class=\"chart\" data-section=\"\(escape(chart.sectionID))\" "
    svg += "data-cell=\"\(timeline.cell)\">\n"
    svg += "<text class=\"title\" x=\"10\" y=\"\(number(top + 18))\">\(escape(title))</text>\n"
    svg += legend(top: top, pattern: pattern)
    for (index, row) in timeline.rows.enumerated() {
      let laneTop = top + titleHeight + Double(index) * laneHeight
      let barTop = laneTop + (laneHeight - barHeight) / 2
      svg += "<g class=\"lane\" data-lane=\"\(escape(row.lane.description))\">\n"
      let shade = index.isMultiple(of: 2) ? "#f4f6f8" : "#ffffff"
      svg += "<rect class=\"lane-background\" x=\"\(number(plotLeft))\" y=\"\(number(laneTop))\" "
      svg += "width=\"\(number(plotWidth))\" height=\"\(number(laneHeight))\" fill=\"\(shade)\"/>\n"
      svg += "<text class=\"lane-name\" x=\"\(number(plotLeft - 8))\" "
      svg += "y=\"\(number(barTop + 13))\" text-anchor=\"end\">\(escape(row.lane.description))"
      svg += "</text>\n"
      // Tasks that took no time are drawn last, as dark ticks labelled above the lane's
      // bars, so that a longer bar starting at the same instant does not hide them.
      let ordered = row.bars.filter { $0.end > $0.start } + row.bars.filter { $0.end <= $0.start }
      for bar in ordered {
        let left = x(bar.start)
        if bar.end <= bar.start {
          svg += "<rect class=\"bar instant\" data-label=\"\(escape(bar.label))\" "
          svg += "data-start=\"\(number(Timeline.seconds(bar.start)))\" "
          svg += "data-end=\"\(number(Timeline.seconds(bar.end)))\" x=\"\(number(left))\" "
          svg += "y=\"\(number(barTop - 3))\" width=\"2\" "
          svg += "height=\"\(number(barHeight + 6))\" fill=\"#b5462f\"/>\n"
          svg += "<text class=\"instant-label\" x=\"\(number(left + 4))\" "
          svg += "y=\"\(number(barTop + 2))\">\(escape(bar.label))</text>\n"
          continue
        }
        let width = max(x(bar.end) - left, 2)
        svg += "<rect class=\"bar\" data-label=\"\(escape(bar.label))\" "
        svg += "data-start=\"\(number(Timeline.seconds(bar.start)))\" "
        svg += "data-end=\"\(number(Timeline.seconds(bar.end)))\" x=\"\(number(left))\" "
        svg += "y=\"\(number(barTop))\" width=\"\(number(width))\" "
        svg += "height=\"\(number(barHeight))\" rx=\"3\" fill=\"#2f6db5\">"
        svg += "<title>\(escape(bar.label))</title></rect>\n"
        for wait in row.waits {
          let from = max(wait.lowerBound, bar.start)
          let to = min(wait.upperBound, bar.end)
          guard from < to else { continue }
          svg += "<rect class=\"wait\" x=\"\(number(x(from)))\" y=\"\(number(barTop))\" "
          svg += "width=\"\(number(x(to) - x(from)))\" height=\"\(number(barHeight))\" "
          svg += "fill=\"url(#\(pattern))\" stroke=\"#2f6db5\" stroke-width=\"1\"/>\n"
        }
        // The label goes inside its bar, or just after it if there is room before the lane's
        // next bar and the picture's edge; otherwise the bar's tooltip alone names it.
        let label = escape(bar.label)
        let labelWidth = Double(bar.label.count) * 8
        let next = row.bars.filter { $0.end > $0.start && $0.start >= bar.end }.map(\.start).min()
        let room = (next.map(x) ?? plotLeft + plotWidth + 40) - (left + width)
        if width >= labelWidth + 8 {
          svg += "<text class=\"bar-label\" x=\"\(number(left + 5))\" y=\"\(number(barTop + 13))\">"
          svg += "\(label)</text>\n"
        } else if room >= labelWidth + 6 {
          svg += "<text class=\"bar-label\" x=\"\(number(left + width + 3))\" "
          svg += "y=\"\(number(barTop + 13))\">\(label)</text>\n"
        }
      }
      svg += "</g>\n"
    }
    let axisTop = top + titleHeight + Double(timeline.rows.count) * laneHeight
    svg += "<g class=\"axis\">\n"
    svg += "<line x1=\"\(number(plotLeft))\" y1=\"\(number(axisTop))\" "
    svg += "x2=\"\(number(plotLeft + plotWidth))\" y2=\"\(number(axisTop))\" stroke=\"#555\"/>\n"
    let total = Timeline.seconds(timeline.duration)
    let step = tickStep(total: total)
    var tick = 0.0
    while tick <= total + 1e-9 {
      let tickX = plotLeft + tick * scale
      svg += "<line x1=\"\(number(tickX))\" y1=\"\(number(axisTop))\" x2=\"\(number(tickX))\" "
      svg += "y2=\"\(number(axisTop + 5))\" stroke=\"#555\"/>\n"
      svg += "<text class=\"tick\" data-seconds=\"\(number(tick))\" x=\"\(number(tickX))\" "
      svg += "y=\"\(number(axisTop + 18))\" text-anchor=\"middle\">\(number(tick)) s</text>\n"
      tick += step
    }
    svg += "</g>\n</g>\n"
    return svg
  }

  private static func legend(top: Double, pattern: String) -> String {
    let x = plotLeft + plotWidth - 190
    var svg = "<g class=\"legend\">\n"
    svg += "<rect x=\"\(number(x))\" y=\"\(number(top + 7))\" width=\"14\" height=\"12\" "
    svg += "fill=\"#2f6db5\"/>\n"
    svg += "<text class=\"legend\" x=\"\(number(x + 18))\" y=\"\(number(top + 17))\">running"
    svg += "</text>\n"
    svg += "<rect x=\"\(number(x + 80))\" y=\"\(number(top + 7))\" width=\"14\" height=\"12\" "
    svg += "fill=\"url(#\(pattern))\" stroke=\"#2f6db5\"/>\n"
    svg += "<text class=\"legend\" x=\"\(number(x + 98))\" y=\"\(number(top + 17))\">waiting"
    svg += "</text>\n</g>\n"
    return svg
  }

  private static func tickStep(total: Double) -> Double {
    for candidate in [0.001, 0.01, 0.1, 0.5, 1, 2, 5, 10, 30, 60, 300, 600, 3600]
    where total / candidate <= 12 {
      return candidate
    }
    return 3600
  }

  /// A number as SVG wants it: no exponent, at most three decimals, no trailing zeros.
  static func number(_ value: Double) -> String {
    var text = String(format: "%.3f", value)
    while text.hasSuffix("0") { text.removeLast() }
    if text.hasSuffix(".") { text.removeLast() }
    return text == "-0" ? "0" : text
  }

  private static func escape(_ text: String) -> String {
    text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
      .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
  }
}

/// A renderer that collects each cell's ``Timeline`` into a ``TimelineSVG`` and otherwise
/// renders as the renderer it wraps: what `lessons --timeline-svg FILE` uses.
///
///     let renderer = TimelineSVGRenderer(TextRenderer.standardOutput())
///     try NotebookRunner(configuration: .canonical).run(section, renderer: renderer)
///     renderer.svg.charts.count   // 1
public final class TimelineSVGRenderer: Renderer, @unchecked Sendable {
  private let base: any Renderer
  private let lock = NSLock()
  private var picture = TimelineSVG()
  private var section: Section?

  /// Renders with `base` and collects the timelines.
  ///
  ///     let renderer = TimelineSVGRenderer(TextRenderer.standardOutput())
  public init(_ base: any Renderer) { self.base = base }

  /// The picture so far.
  ///
  /// Complete once the runner returns.
  ///
  ///     renderer.svg.document   // "<?xml version=…"
  public var svg: TimelineSVG { lock.withLock { picture } }

  /// Notes the section for the charts' titles, then renders as `base`.
  public func begin(_ section: Section) {
    lock.withLock { self.section = section }
    base.begin(section)
  }
  /// Renders as `base`.
  public func prose(_ text: String) { base.prose(text) }
  /// Renders as `base`.
  public func cell(_ number: Int, source: String) { base.cell(number, source: source) }
  /// Renders as `base`.
  public func listing(_ listing: Listing) { base.listing(listing) }
  /// Renders as `base`.
  public func output(_ piece: ConsoleOutput) { base.output(piece) }
  /// Renders as `base`, then keeps the cell's chart if it ran concurrent work.
  public func cellEnded(_ record: CellRecord) {
    base.cellEnded(record)
    lock.withLock {
      if let section { picture.add(Timeline(record), section: section) }
    }
  }
  /// Renders as `base`.
  public func end(_ section: Section) { base.end(section) }
}
