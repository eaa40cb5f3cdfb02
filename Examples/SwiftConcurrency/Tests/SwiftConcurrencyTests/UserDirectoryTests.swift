import SwiftConcurrency
import Testing
import TranscriptTesting

/// What every interleaving of the directory's lookups must keep.
enum DirectoryInvariants {
  /// One real fetch per user at a time, however many ask: ada and grace once, slowpoke twice
  /// (a fetch that timed out is not cached, so the second round fetches again).
  static let sharedFetches = RunInvariant("concurrent requests share one fetch") { run in
    let fetches = LoggedLine.texts(in: run, after: "").filter { $0.hasSuffix(": fetching") }
    let counts = Dictionary(fetches.map { ($0, 1) }, uniquingKeysWith: +)
    let expected = ["ada: fetching": 1, "grace: fetching": 1, "slowpoke: fetching": 2]
    if counts != expected { return "fetches: \(counts)" }
    let summary = LoggedLine.all(in: run).last?.text
    return summary == "4 lookups for 9 requests" ? nil : "the summary is \(summary ?? "missing")"
  }

  /// Each of the 9 requests answered once: ada's and grace's with their value, slowpoke's
  /// with the time-out.
  static let everyRequestAnswered = RunInvariant("every request answered once, rightly") { run in
    let answers = LoggedLine.texts(in: run, after: "request ")
    let numbers = answers.compactMap { Int($0.prefix { $0 != " " }) }.sorted()
    if numbers != Array(0..<9) { return "answered: \(numbers)" }
    for answer in answers {
      let right =
        answer.contains("(ada) got user Ada") || answer.contains("(grace) got user Grace")
        || answer.contains("(slowpoke) failed: timed out after 3 s")
      if !right { return "request \(answer)" }
    }
    return nil
  }
}

extension SwiftConcurrencyTests {
  @Suite("an actor cache that shares in-flight fetches, with a time-out")
  struct UserDirectoryTests {
    @Test("six concurrent requests of three users, then each again: the golden transcript")
    func directoryTranscript() {
      assertTranscript(named: "directory", Programs.directory)
    }

    @Test("under 300 seeds: one fetch per user at a time, every request answered rightly")
    func seeded() {
      let violations = assertInvariants(
        [DirectoryInvariants.sharedFetches, DirectoryInvariants.everyRequestAnswered],
        seeds: 0..<300, Programs.directory)
      #expect(violations.isEmpty)
    }
  }
}
