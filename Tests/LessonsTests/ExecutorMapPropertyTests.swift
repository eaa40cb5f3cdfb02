import ConcurrencyRuntime
import Foundation
import Notebook
import Testing

/// The timeline of 17.4's experiment, read from the trace: spans of the five `loiter` calls
/// (labelled by their input) and the main thread's `result i` lines.
struct ExecutorMapTimeline {
  var starts: [Int: Double] = [:]
  var ends: [Int: Double] = [:]
  var endOrder: [Int: Int] = [:]
  var results: [(index: Int, time: Double, position: Int)] = []
  var total: Double = 0
  var maxConcurrent = 0

  init(_ events: [TraceEvent]) {
    var running = 0
    var labels: [Int: String] = [:]
    for (position, event) in events.enumerated() {
      let time = event.time.seconds
      total = max(total, time)
      switch event.kind {
      case .spanStarted(let span):
        labels[span.id] = span.label
        if let n = Int(span.label) { starts[n] = time }
        running += 1
        maxConcurrent = max(maxConcurrent, running)
      case .spanEnded(let id):
        if let n = labels[id].flatMap(Int.init) {
          ends[n] = time
          endOrder[n] = position
        }
        running -= 1
      case .output(let text):
        if let range = text.range(of: "] result "),
          let colon = text[range.upperBound...].firstIndex(of: ":"),
          let n = Int(text[range.upperBound..<colon])
        {
          results.append((n, time, position))
        }
      default:
        break
      }
    }
  }

  /// Ordering facts that hold for every valid interleaving.
  func checkInvariants(_ comment: Comment) {
    #expect(results.map(\.index) == [0, 1, 2, 3, 4], "results come in input order; \(comment)")
    for result in results {
      let end = endOrder[result.index] ?? .max
      #expect(end < result.position, "loiter(\(result.index)) ends before its result; \(comment)")
    }
    #expect(maxConcurrent <= 3, "never more than 3 calls at once; \(comment)")
    for n in 0..<5 {
      let took = (ends[n] ?? -1) - (starts[n] ?? 0)
      #expect(
        abs(took - Double(n)) < 1e-9 || took >= Double(n), "loiter(\(n)) took \(took)s; \(comment)")
    }
  }
}

@Suite("17.4 properties")
struct ExecutorMapPropertyTests {
  @Test("in virtual time the timeline is the notebook's: 3 at +0, 4 at +1, results at 0,1,2,3,5")
  func canonicalTimeline() throws {
    let timeline = ExecutorMapTimeline(try SectionRun("17.4", mode: .virtual(seed: nil)).cell(2))
    timeline.checkInvariants("canonical schedule")
    #expect(timeline.starts[3] == 0)
    #expect(timeline.starts[4] == 1)
    #expect(timeline.results.map(\.time) == [0, 1, 2, 3, 5])
    #expect(timeline.total == 5, "the ideal makespan of 0..4 on 3 threads")
  }

  @Test("for 200 seeds every interleaving keeps the ordering invariants and the timeline")
  func seeds() throws {
    var distinct = Set<String>()
    for seed in UInt64(0)..<200 {
      let run = try SectionRun("17.4", mode: .virtual(seed: seed))
      distinct.insert(run.text)
      let timeline = ExecutorMapTimeline(run.cell(2))
      timeline.checkInvariants("seed \(seed)")
      #expect(timeline.starts[3] == 0, "seed \(seed)")
      #expect(timeline.starts[4] == 1, "seed \(seed)")
      #expect(timeline.results.map(\.time) == [0, 1, 2, 3, 5], "seed \(seed)")
      #expect(timeline.total == 5, "seed \(seed)")
    }
    #expect(distinct.count > 10, "seeds should give different interleavings of the lines")
  }

  @Test("a seeded run is reproducible")
  func seedReproducible() throws {
    let a = try SectionRun("17.4", mode: .virtual(seed: 42)).text
    let b = try SectionRun("17.4", mode: .virtual(seed: 42)).text
    #expect(a == b)
  }

  @Test("live at 50x speed, nothing happens before its ideal time, nor much after it")
  func liveTimeline() throws {
    // Real sleeps can end late, never early: the lower bound is tight, the upper one allows
    // for a loaded machine (3 virtual seconds are 60 ms of real time at 50x).
    let early = 0.05
    let late = 3.0
    let timeline = ExecutorMapTimeline(try SectionRun("17.4", mode: .live(speed: 50)).cell(2))
    timeline.checkInvariants("live")
    func near(_ time: Double?, _ ideal: Double) -> Bool {
      guard let time else { return false }
      return time >= ideal - early && time <= ideal + late
    }
    #expect(near(timeline.starts[3], 0), "loiter(3) started at \(timeline.starts[3] ?? -1)s")
    #expect(near(timeline.starts[4], 1), "loiter(4) started at \(timeline.starts[4] ?? -1)s")
    #expect(timeline.results.count == 5)
    for (result, ideal) in zip(timeline.results, [0.0, 1, 2, 3, 5]) {
      #expect(near(result.time, ideal), "result \(result.index) at \(result.time)s")
    }
    #expect(near(timeline.total, 5))
  }
}
