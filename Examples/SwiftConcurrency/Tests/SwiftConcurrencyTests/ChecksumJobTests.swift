import SwiftConcurrency
import Testing
import TranscriptTesting

/// What every interleaving of the detached checksums must keep.
enum ChecksumInvariants {
  /// Each file checksummed once, gathered in the files' order, each after its task logged it.
  static let gatheredInOrder = RunInvariant("every file once, gathered in order") { run in
    let texts = LoggedLine.all(in: run).map(\.text)
    let gathered = LoggedLine.texts(in: run, after: "gathered ").map { $0.prefix { $0 != ":" } }
    if gathered.map(String.init) != Programs.files { return "gathered \(gathered)" }
    for file in Programs.files {
      let computed = texts.indices.filter { texts[$0].hasPrefix("\(file): checksum ") }
      guard computed.count == 1,
        let gatheredAt = texts.firstIndex(where: {
          $0.hasPrefix("gathered \(file):")
        })
      else { return "\(file) checksummed \(computed.count) times" }
      if computed[0] > gatheredAt { return "\(file) gathered before its task finished" }
      let sum = texts[computed[0]].dropFirst("\(file): checksum ".count)
      if !texts[gatheredAt].hasSuffix(": \(sum)") { return "\(file) gathered a different sum" }
    }
    return texts.last?.hasPrefix("combined: ") == true ? nil : "no combined line last"
  }

  /// Detached tasks run concurrently: each finishes at its own latency, not one after another.
  static let concurrent = RunInvariant("the detached tasks ran at once") { run in
    for line in LoggedLine.all(in: run) where line.text.contains(": checksum ") {
      let file = line.text.prefix { $0 != ":" }
      if line.time != .milliseconds(100 * file.utf8.count) { return "\(file) at \(line.time)" }
    }
    return nil
  }
}

extension SwiftConcurrencyTests {
  @Suite("Task.detached work gathered by its caller")
  struct ChecksumJobTests {
    @Test("five detached checksums, gathered in order: the golden transcript")
    func checksumsTranscript() {
      assertTranscript(named: "checksums", stamps: .milliseconds, Programs.checksums)
    }

    @Test("under 300 seeds: every file once, gathered in order, all at once")
    func seeded() {
      let violations = assertInvariants(
        [ChecksumInvariants.gatheredInOrder, ChecksumInvariants.concurrent], seeds: 0..<300,
        Programs.checksums)
      #expect(violations.isEmpty)
    }
  }
}
