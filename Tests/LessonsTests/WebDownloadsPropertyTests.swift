import ConcurrencyRuntime
import Flags
import Foundation
import Notebook
import Testing

@testable import Lessons

/// The cells of 17.1 that run something: the three programs and the futures view.
private enum Cells {
  static let sequential = 2
  static let threadPool = 4
  static let async = 6
  static let futures = 8
}

/// What the futures view printed, read back: each future's code and state when scheduled,
/// and the results in the order they were printed.
private struct FuturesView {
  var scheduled: [(code: String, address: String, state: String, position: Int)] = []
  var results: [(code: String, address: String, position: Int)] = []

  init(_ events: [TraceEvent]) {
    for (position, event) in events.enumerated() {
      guard let text = event.output else { continue }
      for line in text.split(separator: "\n") {
        let words = line.split(separator: " ")
        if line.hasPrefix("Scheduled for "), words.count == 7 {
          let code = String(words[2].dropLast())
          let state = words[6].dropFirst("state=".count).dropLast()
          scheduled.append((code, String(words[5]), String(state), position))
        } else if let at = words.firstIndex(of: "<Future"), at + 2 < words.count,
          let result = words.last, line.contains(" result: ")
        {
          let code = String(result.dropFirst().dropLast())
          results.append((code, String(words[at + 2]), position))
        }
      }
    }
  }
}

/// The ideal makespan of `waits` taken in order by `workers` threads, each starting the next
/// wait as soon as it is free.
private func makespan(_ waits: [Double], workers: Int) -> Double {
  var free = Array(repeating: 0.0, count: workers)
  for wait in waits {
    let soonest = free.indices.min { free[$0] < free[$1] } ?? 0
    free[soonest] += wait
  }
  return free.max() ?? 0
}

/// How long the mock DELAY server of the lessons takes for each code's flag.
private func waits(_ codes: [String]) -> [Double] {
  let mock = MockFlagNetwork(.profile(FlagLesson.profile(.delay, seed: 0)))
  return codes.map {
    mock.outcome(for: "\(SiteLabel.delay.url)/\($0.lowercased())/\($0.lowercased()).gif")
      .wait.seconds
  }
}

@Suite("17.1 properties")
struct WebDownloadsPropertyTests {
  static let seeds: [UInt64?] = [nil] + (UInt64(0)..<50).map { $0 }

  @Test("every code is downloaded exactly once per run, whatever the schedule")
  func everyCodeOnce() throws {
    for seed in Self.seeds {
      let run = try SectionRun("17.1", mode: .virtual(seed: seed))
      for cell in [Cells.sequential, Cells.threadPool, Cells.async] {
        #expect(
          FlagRequests(run.cell(cell)).codes.sorted() == pop20.sorted(),
          "cell \(cell), seed \(String(describing: seed))")
      }
      #expect(FlagRequests(run.cell(Cells.futures)).codes.sorted() == pop20.prefix(5).sorted())
    }
  }

  @Test("the sequential program asks for one flag at a time, in alphabetical order")
  func sequentialOrder() throws {
    let requests = FlagRequests(try SectionRun("17.1", mode: .canonical).cell(Cells.sequential))
    #expect(requests.codes == pop20.sorted())
    #expect(requests.oneAtATime)
    #expect(requests.mostAtOnce == 1)
  }

  @Test("makespans: threads and async tasks within 1% of the ideal, sequential the sum")
  func makespans() throws {
    let run = try SectionRun("17.1", mode: .canonical)
    let all = waits(pop20.sorted())
    let ideal: [(Int, Double)] = [
      (Cells.sequential, all.reduce(0, +)),
      (Cells.threadPool, makespan(all, workers: 20)),
      (Cells.async, makespan(all, workers: 20)),
      (Cells.futures, makespan(waits(pop20.prefix(5).sorted()), workers: 3)),
    ]
    for (cell, expected) in ideal {
      let took = try #require(run.duration(of: cell)).seconds
      #expect(abs(took - expected) <= expected * 0.01, "cell \(cell): \(took)s, ideal \(expected)s")
    }
    let sequential = try #require(run.duration(of: Cells.sequential)).seconds
    for cell in [Cells.threadPool, Cells.async] {
      let concurrent = try #require(run.duration(of: cell)).seconds
      #expect(sequential >= 4 * concurrent, "at least 4x faster: \(sequential)s, \(concurrent)s")
    }
    #expect(FlagRequests(run.cell(Cells.threadPool)).mostAtOnce == 20)
    #expect(FlagRequests(run.cell(Cells.async)).mostAtOnce == 20)
  }

  @Test("asCompleted yields each future once, in the order the downloads complete")
  func asCompletedOnce() throws {
    for seed in Self.seeds {
      let events = try SectionRun("17.1", mode: .virtual(seed: seed)).cell(Cells.futures)
      let view = FuturesView(events)
      let comment = Comment(rawValue: "seed \(String(describing: seed))")
      #expect(view.scheduled.map(\.code) == pop20.prefix(5).sorted(), comment)
      #expect(view.results.count == 5, comment)
      #expect(Set(view.results.map(\.address)) == Set(view.scheduled.map(\.address)), comment)
      for result in view.results {
        let scheduled = view.scheduled.first { $0.address == result.address }
        #expect(scheduled?.code == result.code, "a future's result is its own code; \(comment)")
        #expect((scheduled?.position ?? .max) < result.position, comment)
      }
      #expect(
        view.results.map(\.code) == FlagRequests(events).completionOrder,
        "results in completion order; \(comment)")
    }
  }

  @Test("three futures running and two pending as the five are scheduled")
  func scheduledStates() throws {
    let events = try SectionRun("17.1", mode: .canonical).cell(Cells.futures)
    let canonical = FuturesView(events)
    #expect(
      canonical.scheduled.map(\.state) == ["running", "running", "running", "pending", "pending"])
    // The trace agrees: when each line is printed, as many pool tasks have started.
    let started = canonical.scheduled.map { line in
      events[..<line.position].filter {
        if case .spanStarted(let span) = $0.kind {
          return span.executor.hasPrefix("ThreadPoolExecutor")
        }
        return false
      }.count
    }
    #expect(started == [1, 2, 3, 3, 3])
    // Other schedules may print before a thread takes its work, but no thread is free for IN
    // and US, and no more than three run.
    for seed in Self.seeds {
      let view = FuturesView(try SectionRun("17.1", mode: .virtual(seed: seed)).cell(Cells.futures))
      let comment = Comment(rawValue: "seed \(String(describing: seed))")
      #expect(view.scheduled.suffix(2).allSatisfy { $0.state == "pending" }, comment)
      #expect(view.scheduled.filter { $0.state == "running" }.count <= 3, comment)
      #expect(view.scheduled.allSatisfy { ["running", "pending"].contains($0.state) }, comment)
    }
  }

  @Test("live at 10x: each code once, one at a time, then many at once; results once each")
  func live() throws {
    let folder = NSTemporaryDirectory() + "lessons-test-" + UUID().uuidString
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let run = try SectionRun("17.1", mode: .live(speed: 10), destination: folder)
    #expect(run.text.contains("Started a DELAY flag server at http://127.0.0.1:"))
    #expect(run.text.contains("Flags are saved in \(folder)\n"))
    let sequential = FlagRequests(run.cell(Cells.sequential))
    #expect(sequential.codes == pop20.sorted())
    #expect(sequential.oneAtATime)
    for cell in [Cells.threadPool, Cells.async] {
      let requests = FlagRequests(run.cell(cell))
      #expect(requests.codes.sorted() == pop20.sorted())
      #expect(requests.mostAtOnce >= 5, "cell \(cell): \(requests.mostAtOnce) at once")
    }
    // Real waits end late, never early: every answer takes the server's half second.
    for cell in [Cells.sequential, Cells.threadPool, Cells.async, Cells.futures] {
      for request in FlagRequests(run.cell(cell)).requests {
        #expect((request.end ?? 0) - request.start >= 0.45, "\(request.code) in cell \(cell)")
      }
    }
    let view = FuturesView(run.cell(Cells.futures))
    #expect(view.results.map(\.code).sorted() == pop20.prefix(5).sorted())
    #expect(Set(view.results.map(\.address)) == Set(view.scheduled.map(\.address)))
    let files = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
    #expect(files == pop20.map { "\($0.lowercased()).gif" }.sorted())
  }
}
