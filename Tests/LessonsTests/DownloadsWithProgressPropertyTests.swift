import ConcurrencyRuntime
import Flags
import Foundation
import Notebook
import Testing

@testable import Lessons

/// The cells of 17.5 that run something, and the codes each asks for.
private enum Cells {
  static let tqdm = 1
  static let sequential = 3
  static let threadPool = 4
  static let async = 5
  static let sequentialErrors = 9
  static let threadPoolErrors = 11
  static let queue = 13

  static func codes() throws -> [Int: [String]] {
    [
      sequential: Countries.pop20.sorted(),
      threadPool: try CountryCodeArguments.expand(["a", "b", "c"]),
      async: try CountryCodeArguments.expand([], all: true, limit: 100),
      sequentialErrors: try CountryCodeArguments.expand(["c"], limit: 12),
      threadPoolErrors: try CountryCodeArguments.expand(["c"]),
      queue: Countries.pop20.sorted(),
    ]
  }
}

/// What a download of `code` from a server of `profile` must end as.
private func expectedStatus(_ code: String, _ profile: ServerProfile) -> DownloadStatus {
  expectedCounts([code], profile).keys.first ?? .error
}

/// A value set on one thread of a run and read after it.
private final class Box<T: Sendable>: @unchecked Sendable {
  private let lock = NSLock()
  private var stored: T?
  var value: T? {
    get { lock.withLock { stored } }
    set { lock.withLock { stored = newValue } }
  }
}

@Suite("17.5 properties")
struct DownloadsWithProgressPropertyTests {
  @Test("the tqdm demo: 1000 sleeps of 10 ms, 10 s in all, exactly 100 it/s in virtual time")
  func tqdm() throws {
    let run = try SectionRun("17.5", mode: .canonical)
    let sleeps = run.cell(Cells.tqdm).filter {
      if case .blocked(.sleep) = $0.kind { return true }
      return false
    }
    #expect(sleeps.count == 1000)
    #expect(run.duration(of: Cells.tqdm) == .seconds(10))
    #expect(run.output(of: Cells.tqdm) == "100%|██████████| 1000/1000 [00:10<00:00, 100.00it/s]\n")
  }

  @Test("every run downloads each of its codes exactly once, whatever the schedule")
  func everyCodeOnce() throws {
    let codes = try Cells.codes()
    for seed in [nil] + (UInt64(0)..<10).map({ $0 }) {
      let run = try SectionRun("17.5", mode: .virtual(seed: seed))
      for (cell, asked) in codes {
        #expect(
          FlagRequests(run.cell(cell)).codes.sorted() == asked,
          "cell \(cell), seed \(String(describing: seed))")
      }
    }
  }

  @Test("requests at once: 1 one by one, 30 for the pool, 100 for -m 100, 4 for four workers")
  func concurrency() throws {
    let run = try SectionRun("17.5", mode: .canonical)
    let expected = [
      Cells.sequential: 1, Cells.threadPool: 30, Cells.async: 100, Cells.sequentialErrors: 1,
      Cells.threadPoolErrors: 26, Cells.queue: 4,
    ]
    for (cell, most) in expected {
      #expect(FlagRequests(run.cell(cell)).mostAtOnce == most, "cell \(cell)")
    }
    #expect(FlagRequests(run.cell(Cells.sequentialErrors)).oneAtATime)
  }

  @Test("counts add up, each as the server decided, for 200 seeds of the ERROR profile")
  func countsAddUp() throws {
    let codes = try CountryCodeArguments.expand(["c"])
    for seed in UInt64(0)..<200 {
      let counts = Box<[Flags2Style: [DownloadStatus: Int]]>()
      let section = Section(
        id: "test", title: "ERROR, seed \(seed)", prepare: FlagLesson.prepare([.error], seed: seed),
        blocks: [
          .cell(
            Cell(name: "all three", source: "") {
              guard let lesson = FlagLesson.current else { throw LookupError(id: "test") }
              let site = try lesson.site(.error, connections: 30, timeout: .seconds(10))
              var counted: [Flags2Style: [DownloadStatus: Int]] = [:]
              counted[.sequential] = Flags2Sequential.downloadMany(
                site, codes, verbose: false, concurrency: 1)
              counted[.threadpool] = try Flags2ThreadPool.downloadMany(
                site, codes, verbose: false, concurrency: 30)
              counted[.async] = try Runtime.current.runAsync {
                await Flags2Async.supervisor(site, codes, verbose: false, concurrency: 5)
              }
              counts.value = counted
            })
        ])
      let run = try SectionRun(section, mode: .canonical)
      let expected = expectedCounts(codes, FlagLesson.profile(.error, seed: seed))
      for style in Flags2Style.allCases {
        let counter = counts.value?[style] ?? [:]
        #expect(counter.values.reduce(0, +) == codes.count, "\(style), seed \(seed)")
        #expect(counter == expected, "\(style), seed \(seed)")
      }
      let asked = FlagRequests(run.cell(1)).codes
      #expect(asked.sorted() == (codes + codes + codes).sorted(), "seed \(seed)")
    }
  }

  @Test("verbose runs report each code once, as the server decided, errors with their code")
  func verboseLines() throws {
    let run = try SectionRun("17.5", mode: .canonical)
    let codes = try Cells.codes()
    let profile = FlagLesson.profile(.error, seed: 0)
    for cell in [Cells.sequentialErrors, Cells.threadPoolErrors] {
      let lines = run.output(of: cell).split(separator: "\n").map(String.init)
        .filter { $0.hasPrefix("C") || $0.hasPrefix("***") }
      var expected: [String] = []
      for code in codes[cell] ?? [] {
        switch expectedStatus(code, profile) {
        case .ok: expected.append("\(code) OK")
        case .notFound: expected.append("\(code) not found")
        case .error:
          expected.append("*** Error for \(code): HTTP error 500 - Internal Server Error")
        }
      }
      #expect(lines.sorted() == expected.sorted(), "cell \(cell)")
    }
    let sequential = run.output(of: Cells.sequentialErrors).split(separator: "\n")
      .filter { $0.hasPrefix("C") || $0.hasPrefix("***") }
    #expect(sequential.count == 12)
    #expect(sequential.first == "CA OK", "one by one, in order")
  }

  @Test("live at 20x: the counts of virtual time, each code once, flags saved where told")
  func live() throws {
    let folder = NSTemporaryDirectory() + "lessons-test-" + UUID().uuidString
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let live = try SectionRun("17.5", mode: .live(speed: 20), destination: folder)
    let virtual = try SectionRun("17.5", mode: .canonical)
    #expect(live.text.contains("Started flag servers on 127.0.0.1: DELAY on port "))
    let codes = try Cells.codes()
    for (cell, asked) in codes {
      #expect(FlagRequests(live.cell(cell)).codes.sorted() == asked, "cell \(cell)")
    }
    func counts(_ run: SectionRun, _ cell: Int) -> [String] {
      run.output(of: cell).split(separator: "\n").map(String.init).filter {
        $0.hasSuffix(" downloaded.") || $0.hasSuffix(" not found.") || $0.hasSuffix(" error.")
          || $0.hasSuffix(" errors.")
      }
    }
    for cell in [Cells.sequential, Cells.threadPool, Cells.async, Cells.sequentialErrors] {
      #expect(counts(live, cell) == counts(virtual, cell), "cell \(cell)")
      #expect(!counts(live, cell).isEmpty)
    }
    let verbose = { (run: SectionRun) in
      run.output(of: Cells.threadPoolErrors).split(separator: "\n")
        .filter { $0.hasPrefix("C") || $0.hasPrefix("***") }.sorted()
    }
    #expect(verbose(live) == verbose(virtual), "the same lines, perhaps in another order")
    // Every flag that some run downloaded is in the folder, and nothing else.
    let error = FlagLesson.profile(.error, seed: 0)
    var saved = Set(Countries.pop20)
    saved.formUnion((codes[Cells.threadPool] ?? []).filter(Countries.isAvailable))
    for cell in [Cells.async, Cells.threadPoolErrors] {
      saved.formUnion((codes[cell] ?? []).filter { expectedStatus($0, error) == .ok })
    }
    let files = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
    #expect(files == saved.map { "\($0.lowercased()).gif" }.sorted())
  }
}
