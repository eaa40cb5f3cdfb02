import ConcurrencyRuntime
import Foundation

/// A cell's concurrent work as a text Gantt chart: one lane per thread, async task or worker
/// process that ran a task span, time across on a labelled scale, each task a labelled bar,
/// `=` where its lane ran and `.` where it waited (slept, or blocked on a lock, a condition,
/// a future or the network).
///
/// Drawn from a ``CellRecord``'s typed events alone, so in virtual time it is the same every
/// run and can be part of a transcript.
///
///     print(Timeline(record).text(width: 80), terminator: "")
///     // Timeline of In [2], 5s (= running, . waiting)
///     //                         0s        1s        2s        3s        4s        5s
///     // ThreadPoolExecutor-0_0  |[3.........................]
///     // …
public struct Timeline: Sendable {
  /// One task drawn on a lane.
  ///
  /// Its times are the span's, from the cell's start.
  ///
  ///     timeline.rows[0].bars[0].label   // "3"
  public struct Bar: Sendable, Equatable {
    /// The span's label.
    ///
    /// What the executor called the task.
    ///
    ///     bar.label   // "BR"
    public var label: String
    /// When it started, from the cell's start.
    ///
    ///     bar.start   // 1.0 seconds
    public var start: Duration
    /// When it ended, from the cell's start (the cell's end if it never did).
    ///
    ///     bar.end   // 5.0 seconds
    public var end: Duration
  }

  /// One row: a lane, its bars in order, and when its thread or task was blocked.
  ///
  /// Lanes are the spans' (thread, async task or process).
  ///
  ///     timeline.rows.map(\.lane.description)   // ["ThreadPoolExecutor-0_0", …]
  public struct Row: Sendable, Equatable {
    /// Where the work ran.
    ///
    /// The span's lane.
    ///
    ///     row.lane   // .thread("ThreadPoolExecutor-0_1")
    public var lane: Lane
    /// Its tasks, in the order they started.
    ///
    /// One per span on the lane.
    ///
    ///     row.bars.map(\.label)   // ["1", "4"]
    public var bars: [Bar]
    /// The stretches when the lane waited, from the cell's start.
    ///
    /// From its blocked and unblocked events: sleeps, locks, conditions, futures.
    ///
    ///     row.waits.first   // 0.0 seconds..<1.0 seconds
    public var waits: [Range<Duration>]
  }

  /// The cell's number.
  ///
  /// As `In [n]` shows it.
  ///
  ///     timeline.cell   // 2
  public var cell: Int
  /// How long the cell ran.
  ///
  /// The width of the chart.
  ///
  ///     timeline.duration   // 5.0 seconds
  public var duration: Duration
  /// The lanes, in the order their first task started.
  ///
  /// Lanes that ran no task are left out.
  ///
  ///     timeline.rows.count   // 3
  public var rows: [Row]

  /// The timeline of `record`; it has no rows when the cell ran no task spans.
  ///
  /// Reads the record's events only.
  ///
  ///     Timeline(record).rows.count   // 3 for 17.4's second cell
  public init(_ record: CellRecord) {
    cell = record.number
    duration = record.duration
    var rows: [Row] = []
    var rowOfLane: [Lane: Int] = [:]
    var openBar: [Int: (row: Int, bar: Int)] = [:]
    // A span that starts while another is open on its lane is part of that task (a request,
    // a slice of CPU, a turn with a lock): the task's bar already covers it.
    var openOnLane: [Lane: Int] = [:]
    var nested: [Int: Lane] = [:]
    var blockedSince: [String: Duration] = [:]
    var waits: [String: [Range<Duration>]] = [:]
    for event in record.events {
      let time = event.time - record.start
      switch event.kind {
      case .spanStarted(let span):
        if openOnLane[span.lane, default: 0] > 0 {
          openOnLane[span.lane, default: 0] += 1
          nested[span.id] = span.lane
          continue
        }
        openOnLane[span.lane] = 1
        let row =
          rowOfLane[span.lane]
          ?? {
            rows.append(Row(lane: span.lane, bars: [], waits: []))
            rowOfLane[span.lane] = rows.count - 1
            return rows.count - 1
          }()
        rows[row].bars.append(Bar(label: span.label, start: time, end: record.duration))
        openBar[span.id] = (row, rows[row].bars.count - 1)
      case .spanEnded(let id):
        if let (row, bar) = openBar.removeValue(forKey: id) {
          rows[row].bars[bar].end = time
          openOnLane[rows[row].lane] = 0
        } else if let lane = nested.removeValue(forKey: id) {
          openOnLane[lane, default: 1] -= 1
        }
      case .blocked:
        blockedSince[event.actor] = time
      case .unblocked:
        if let since = blockedSince.removeValue(forKey: event.actor), since < time {
          waits[event.actor, default: []].append(since..<time)
        }
      default:
        break
      }
    }
    for (actor, since) in blockedSince where since < record.duration {
      waits[actor, default: []].append(since..<record.duration)
    }
    for index in rows.indices {
      rows[index].waits = waits[rows[index].lane.description] ?? []
    }
    self.rows = rows
  }

  /// Whether there is anything to draw.
  ///
  /// A cell that ran no concurrent work draws nothing.
  ///
  ///     Timeline(quietRecord).isEmpty   // true
  public var isEmpty: Bool { rows.isEmpty }

  /// The chart, every line at most `width` columns (at least 50 are used), its heading and
  /// notes in `language`.
  ///
  ///     Timeline(record).text(width: 60).split(separator: "\n").count   // 2 + lanes
  ///     print(Timeline(record).text(width: 80, language: .korean), terminator: "")
  ///     // In [2]의 타임라인, 5s (= 실행, . 대기)
  ///     // …
  public func text(width: Int, language: Language = .english) -> String {
    let width = max(width, 50)
    let names = rows.map { String($0.lane.description.prefix(24)) }
    let nameWidth = (names.map(\.count).max() ?? 0) + 2
    let span = max(width - nameWidth - Self.scaleOverhang, 10)
    let total = max(Self.seconds(duration), 1e-9)
    func column(_ time: Duration) -> Int {
      Int((Self.seconds(time) / total * Double(span - 1)).rounded())
    }
    var text =
      NotebookText.timelineHeading(cell, duration: Self.label(duration)).text(in: language)
      + "\n"
    text += String(repeating: " ", count: nameWidth) + scale(span: span, total: total) + "\n"
    for (row, name) in zip(rows, names) {
      var line = [Character](repeating: " ", count: span)
      var instants: [String] = []
      var free = 0
      for bar in row.bars {
        let first = max(column(bar.start), free)
        guard first < span else { continue }
        // A task that took no time is a tick, named after the line: there is no room inside.
        if bar.end <= bar.start {
          line[first] = "|"
          instants.append(
            NotebookText.timelineInstant(bar.label, at: Self.label(bar.start)).text(in: language))
          free = first + 1
          continue
        }
        let last = min(max(column(bar.end), first + 1), span - 1)
        for index in first...last {
          let midpoint = Self.time(at: index, of: span, total: total)
          let waiting = row.waits.contains { $0.contains(midpoint) }
          line[index] = waiting ? "." : "="
        }
        line[first] = "["
        line[last] = "]"
        for (offset, character) in bar.label.prefix(max(last - first - 1, 0)).enumerated() {
          line[first + 1 + offset] = character
        }
        free = last + 1
      }
      let padded = name + String(repeating: " ", count: nameWidth - name.count)
      var drawn = String(String(line).reversed().drop { $0 == " " }.reversed())
      let note = instants.isEmpty ? "" : "  | " + instants.joined(separator: ", ")
      if drawn.count + DisplayWidth.columns(of: note) <= span + Self.scaleOverhang { drawn += note }
      text += padded + drawn + "\n"
    }
    return text
  }

  /// `0s        1s        2s`: a tick label every second, or every few seconds when the
  /// seconds are too close together to label.
  private func scale(span: Int, total: Double) -> String {
    var line = [Character](repeating: " ", count: span + Self.scaleOverhang)
    let perSecond = Double(span - 1) / total
    var step = 1.0
    for candidate in [0.001, 0.01, 0.1, 0.5, 1, 2, 5, 10, 30, 60, 300, 600, 3600] {
      step = candidate
      if candidate * perSecond >= 6 { break }
    }
    var tick = 0.0
    while tick <= total + 1e-9 {
      let index = Int((tick * perSecond).rounded())
      let label = Array(Self.label(seconds: tick))
      if index + label.count <= line.count, index == 0 || line[index - 1] == " " {
        for (offset, character) in label.enumerated() { line[index + offset] = character }
      }
      tick += step
    }
    return String(String(line).reversed().drop { $0 == " " }.reversed())
  }

  /// Columns past the last bar column that the scale's last label may use.
  static let scaleOverhang = 4

  private static func time(at index: Int, of span: Int, total: Double) -> Duration {
    let seconds = Double(index) / Double(span - 1) * total
    return .nanoseconds(Int64(seconds * 1e9))
  }

  static func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
  }

  static func label(_ duration: Duration) -> String { label(seconds: seconds(duration)) }

  static func label(seconds: Double) -> String {
    if seconds == seconds.rounded() { return "\(Int(seconds))s" }
    var text = String(format: "%.3f", seconds)
    while text.hasSuffix("0") { text.removeLast() }
    return text + "s"
  }
}
