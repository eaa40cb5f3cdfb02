import ConcurrencyRuntime
import Foundation
import Lessons
import Notebook
import Testing

@testable import Lessons

/// A run of `id` in virtual time with `settings` (`["workers=5"]`), as `lessons` runs it.
private func record(_ id: String, _ settings: [String], seed: UInt64? = nil) throws
  -> SectionRecording
{
  let section = try #require(Catalog.section(id))
  var parameters = ParameterSettings()
  for setting in settings { try parameters.add(setting) }
  try parameters.check([section])
  return NotebookRunner(configuration: .virtual(seed: seed), parameters: parameters)
    .record(section)
}

@Suite("Section parameters")
struct SectionParameterTests {
  @Test("every parameters.NAME a cell reads is a knob its section declares, and 17.4's are read")
  func referencesAreDeclared() throws {
    for section in Catalog.sections {
      let names = Set(section.parameters.map(\.name))
      for cell in section.cells {
        var rest = Substring(cell.source)
        while let range = rest.range(of: "parameters.") {
          let name = rest[range.upperBound...].prefix { $0.isLetter || $0.isNumber }
          #expect(
            names.contains(String(name)), "\(cell.name) reads \(name), not a knob of \(section.id)")
          rest = rest[range.upperBound...]
        }
      }
    }
    let map = try #require(Catalog.section("17.4")?.cells.first { $0.name == "executor-map" })
    #expect(map.source.contains("maxWorkers: parameters.workers"))
    #expect(map.source.contains("0..<parameters.calls"))
  }

  @Test("the plan of loiter calls on a pool: the notebook's 5 s, and what a pool does by hand")
  func plannedMakespan() {
    #expect(loiterMakespan(calls: 5, workers: 3) == .seconds(5))
    #expect(loiterMakespan(calls: 5, workers: 5) == .seconds(4))
    #expect(loiterMakespan(calls: 5, workers: 1) == .seconds(10))
    // 0 and 1 on the first thread (ends at 1), 2 on the second (2), 3 after 1 (4), 4 after 2.
    #expect(loiterMakespan(calls: 5, workers: 2) == .seconds(6))
    #expect(loiterMakespan(calls: 1, workers: 10) == .zero)
  }

  @Test("17.4 with five workers: every call starts at once, results at 0-4 s, 4 s in all")
  func fiveWorkers() throws {
    let run = try record("17.4", ["workers=5"])
    #expect(run.failure == nil)
    let cell = try #require(run.cell(named: "executor-map"))
    #expect(cell.duration == .seconds(4))
    let starts = cell.spans.map { span in
      cell.events.first { $0.kind == .spanStarted(span) }.map { $0.time - cell.start }
    }
    #expect(starts == Array(repeating: .zero, count: 5), "no call waits for a thread")
    let stamps = cell.output.split(separator: "\n").filter { $0.contains("] result ") }
      .map { $0.prefix(10) }
    #expect(stamps == ["[09:00:00]", "[09:00:01]", "[09:00:02]", "[09:00:03]", "[09:00:04]"])
    #expect(run.text.contains("With workers=5 (default 3), from --set"))
    #expect(run.text.contains("maxWorkers: parameters.workers"))
    #expect(run.text.contains("executor.map(loiter, 0..<5)"))
  }

  @Test(
    "17.4 takes the planned time for every pool size and number of calls",
    arguments: 1...10)
  func everySize(workers: Int) throws {
    for calls in 1...5 {
      let run = try record("17.4", ["workers=\(workers)", "calls=\(calls)"])
      let took = run.cell(named: "executor-map")?.duration
      #expect(took == loiterMakespan(calls: calls, workers: workers), "\(workers) x \(calls)")
      let results = run.cell(named: "executor-map")?.output.components(separatedBy: "] result ")
      #expect((results?.count ?? 0) - 1 == calls)
    }
  }

  @Test("17.4's invariants read the values in force: they hold with other knobs, under seeds")
  func invariantsUnderSeeds() throws {
    let section = try #require(Catalog.section("17.4"))
    for settings in [["workers=5"], ["workers=1", "calls=3"], ["workers=2"]] {
      var parameters = ParameterSettings()
      for setting in settings { try parameters.add(setting) }
      let report = Explorer(section: section, parameters: parameters).explore(seeds: 0..<60)
      #expect(report.violations.isEmpty, "\(settings): \(report.summary)")
    }
  }

  @Test("17.1's latency: the sequential program pays it 20 times, threads about once")
  func latency() throws {
    func seconds(_ run: SectionRecording, _ cell: String) -> Double {
      let duration = run.cell(named: cell)?.duration ?? .zero
      return Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
    let standard = try record("17.1", [])
    let roundTrips = seconds(standard, "flags-run") - 20 * 0.5
    for latency in [0.1, 2.0] {
      let run = try record("17.1", ["latency=\(latency)"])
      #expect(run.failure == nil)
      #expect(abs(seconds(run, "flags-run") - (20 * latency + roundTrips)) < 1e-6)
      let threads = seconds(run, "flags-threadpool-run")
      #expect(threads >= latency && threads < latency + 0.05)
    }
    #expect(try record("17.1", ["latency=0.5"]).text == standard.text)
  }
}
