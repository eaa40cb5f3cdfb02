import BoundedBuffer
import ConcurrencyRuntime
import Testing
import TranscriptTesting

/// What every interleaving of a pipeline run must keep, read from its output.
enum PipelineInvariants {
  /// Every item put is taken exactly once.
  static func everyItemOnce(producers: Int, items: Int) -> RunInvariant {
    RunInvariant("every item taken exactly once") { run in
      let taken = lines(run.output, after: " took ").sorted()
      let put = lines(run.output, after: " put ").sorted()
      let expected = (0..<producers).flatMap { p in (0..<items).map { "\(p).\($0)" } }.sorted()
      if put != expected { return "put \(put), not \(expected)" }
      return taken == expected ? nil : "took \(taken)"
    }
  }

  /// A producer's items are taken in the order it put them (true with one consumer).
  static let producerOrder = RunInvariant("each producer's items taken in order") { run in
    let taken = lines(run.output, after: " took ")
    for producer in Set(taken.map { $0.prefix { $0 != "." } }) {
      let mine = taken.filter { $0.hasPrefix(producer + ".") }.map {
        $0.dropFirst(producer.count + 1)
      }
      if mine.compactMap({ Int($0) }) != mine.compactMap({ Int($0) }).sorted() {
        return "producer \(producer)'s items were taken as \(mine)"
      }
    }
    return nil
  }

  /// The last line reports the count, and the run ends when the work allows.
  static func finishes(items: Int) -> RunInvariant {
    RunInvariant("the run reports every item") { run in
      run.output.hasSuffix("done: \(items) items consumed\n") ? nil : "it ended otherwise"
    }
  }

  /// The words after `marker` on each line that has it.
  static func lines(_ output: String, after marker: String) -> [String] {
    output.split(separator: "\n").compactMap { line in
      line.range(of: marker).map { String(line[$0.upperBound...]) }
    }
  }
}

@Suite("pipeline")
struct PipelineTests {
  @Test("one producer, one slow consumer, a buffer of 2: the golden transcript")
  func oneToOne() {
    assertTranscript {
      runPipeline(capacity: 2, producers: 1, consumers: 1, items: 5)
    }
  }

  @Test("two producers, two consumers: the golden transcript")
  func twoToTwo() {
    assertTranscript {
      runPipeline(capacity: 3, producers: 2, consumers: 2, items: 4)
    }
  }

  @Test("under 300 seeds every item is taken once, in each producer's order")
  func seeded() {
    let violations = assertInvariants(
      [
        PipelineInvariants.everyItemOnce(producers: 2, items: 4),
        PipelineInvariants.producerOrder, PipelineInvariants.finishes(items: 8),
      ],
      seeds: 0..<300
    ) {
      runPipeline(capacity: 2, producers: 2, consumers: 1, items: 4)
    }
    #expect(violations.isEmpty)
  }

  @Test("the seeds meet more than one interleaving, so the invariants are really tested")
  func interleavings() {
    let outputs = Set(
      (UInt64(0)..<50).map { seed in
        RecordedRun.record(seed: seed) {
          runPipeline(capacity: 2, producers: 2, consumers: 1, items: 4)
        }.output
      })
    #expect(outputs.count > 1)
  }

  @Test("a wrong invariant (producer 0 always first) is caught with a seed that replays it")
  func wrongInvariant() throws {
    let zeroFirst = RunInvariant("producer 0's items come first") { run in
      let taken = PipelineInvariants.lines(run.output, after: " took ")
      return taken.first?.hasPrefix("0.") == true ? nil : "\(taken.first ?? "nothing") came first"
    }
    let body: @Sendable () -> Void = {
      runPipeline(capacity: 2, producers: 2, consumers: 1, items: 4)
    }
    let violation = try #require(findViolations([zeroFirst], seeds: 0..<300, body).first)
    #expect(violation.seed != nil)
    #expect(zeroFirst.violation(in: violation.run) != nil, "the violation carries its run")
    #expect(zeroFirst.violation(in: RecordedRun.record(seed: violation.seed, body)) != nil)
    let schedule = try #require(violation.schedule)
    #expect(zeroFirst.violation(in: RecordedRun.record(schedule: schedule, body)) != nil)
  }

  @Test("the high-water mark never passes the capacity, whatever the seed")
  func highWaterMark() {
    for seed in UInt64(0)..<100 {
      let run = RecordedRun.record(seed: seed) {
        let report = runPipeline(capacity: 2, producers: 3, consumers: 2, items: 3)
        if report.highWaterMark > 2 { throw Overfilled(mark: report.highWaterMark) }
      }
      #expect(run.failure == nil, "seed \(seed): \(run.failure.map { "\($0)" } ?? "")")
      if case .threw(let error) = run.failure { #expect(!(error is Overfilled)) }
    }
  }
}

struct Overfilled: Error {
  var mark: Int
}
