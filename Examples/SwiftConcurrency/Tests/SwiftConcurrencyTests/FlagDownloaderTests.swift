import SwiftConcurrency
import Testing
import TranscriptTesting

/// What every interleaving of the downloader must keep, read from the lines it logged.
enum DownloaderInvariants {
  /// Every code is fetched once and reported once.
  static let everyFlagOnce = RunInvariant("every flag downloaded exactly once") { run in
    let expected = FlagServer.populousCodes.sorted()
    let fetched = LoggedLine.texts(in: run, after: "fetching ").sorted()
    if fetched != expected { return "fetched \(fetched)" }
    let reported = reports(in: run).map(\.code).sorted()
    return reported == expected ? nil : "reported \(reported)"
  }

  /// Between `fetching XX` and `XX: … bytes`, a download is in flight: never more than `limit`.
  static func atMost(_ limit: Int) -> RunInvariant {
    RunInvariant("never more than \(limit) downloads in flight") { run in
      var inFlight = Set<String>()
      for line in LoggedLine.all(in: run) {
        if line.text.hasPrefix("fetching ") {
          inFlight.insert(String(line.text.dropFirst("fetching ".count)))
          if inFlight.count > limit { return "\(inFlight.sorted()) at once" }
        } else if let report = report(line.text) {
          inFlight.remove(report.code)
        }
      }
      return nil
    }
  }

  /// Results are counted 1/20, 2/20, … in order, and each arrives exactly its latency after
  /// its fetch began (the window adds no delay of its own).
  static let countedAndOnTime = RunInvariant("results counted in order, each on time") { run in
    let server = FlagServer()
    var started: [String: Duration] = [:]
    var count = 0
    for line in LoggedLine.all(in: run) {
      if line.text.hasPrefix("fetching ") {
        started[String(line.text.dropFirst("fetching ".count))] = line.time
      } else if let report = report(line.text) {
        count += 1
        if report.number != count { return "result \(count) was counted \(report.number)" }
        let took = line.time - (started[report.code] ?? .zero)
        if took != server.latency(of: report.code) { return "\(report.code) took \(took)" }
      }
    }
    return nil
  }

  /// `BR: 1544 bytes (5/20)` as (BR, 5).
  static func report(_ text: String) -> (code: String, number: Int)? {
    guard text.contains(" bytes ("), let colon = text.firstIndex(of: ":"),
      let open = text.firstIndex(of: "("), let slash = text.firstIndex(of: "/"),
      let number = Int(text[text.index(after: open)..<slash])
    else { return nil }
    return (String(text[..<colon]), number)
  }

  static func reports(in run: RecordedRun) -> [(code: String, number: Int)] {
    LoggedLine.all(in: run).compactMap { report($0.text) }
  }
}

extension SwiftConcurrencyTests {
  @Suite("a task-group downloader with a window of 4")
  struct FlagDownloaderTests {
    @Test("20 flags, at most 4 in flight: the golden transcript")
    func downloaderTranscript() {
      assertTranscript(named: "downloader", stamps: .milliseconds, Programs.downloader)
    }

    @Test("under 300 seeds: every flag once, never more than 4 in flight, each on time")
    func seeded() {
      let violations = assertInvariants(
        [
          DownloaderInvariants.everyFlagOnce, DownloaderInvariants.atMost(4),
          DownloaderInvariants.countedAndOnTime,
        ],
        seeds: 0..<300, Programs.downloader)
      #expect(violations.isEmpty)
    }

    @Test("the seeds meet more than one order of results, so the invariants are really tested")
    func interleavings() {
      let orders = Set(
        (UInt64(0)..<50).map { seed in
          DownloaderInvariants.reports(in: RecordedRun.record(seed: seed, Programs.downloader))
            .map(\.code)
        })
      #expect(orders.count > 1)
    }

    @Test("a window of 4 is checked: the same downloads with a window of 5 break it")
    func windowChecked() {
      let violations = findViolations(
        [DownloaderInvariants.atMost(4)], seeds: 0..<3
      ) { () async throws in
        _ = try await FlagDownloader(maxInFlight: 5, log: display).downloadAll(
          FlagServer.populousCodes)
      }
      #expect(violations.count == 3)
    }
  }
}
