import SwiftConcurrency
import Testing
import TranscriptTesting

/// What every interleaving of the stream pipeline must keep.
enum PipelineInvariants {
  static let readings = ["68.0", "71.6", "75.2", "78.8", "82.4"]
  static let celsius = ["20.0", "22.0", "24.0", "26.0", "28.0"]

  /// Each reading passes every stage once, in the sensor's order.
  static let inOrderOnce = RunInvariant("every reading through every stage once, in order") {
    run in
    let sensed = LoggedLine.texts(in: run, after: "sensor: ").filter { $0 != "done" }
    if sensed != readings.map({ "\($0) °F" }) { return "sensed \(sensed)" }
    let converted = LoggedLine.texts(in: run, after: "converter: ").filter { $0 != "done" }
    if converted != zip(readings, celsius).map({ "\($0) °F is \($1) °C" }) {
      return "converted \(converted)"
    }
    let consumed = LoggedLine.texts(in: run, after: "consumer: ").dropLast()
    let means = ["20.0", "21.0", "22.0", "23.0", "24.0"]
    if Array(consumed) != zip(celsius, means).map({ "\($0) °C, mean \($1)" }) {
      return "consumed \(Array(consumed))"
    }
    return nil
  }

  /// A stage handles a reading only after the stage before it has passed it on, and each
  /// stage says it is done only after its last reading.
  static let causal = RunInvariant("each stage after the one before it") { run in
    let texts = LoggedLine.all(in: run).map(\.text)
    func index(_ text: String) -> Int { texts.firstIndex(of: text) ?? -1 }
    for (f, c) in zip(readings, celsius) {
      let sensed = index("sensor: \(f) °F")
      let converted = index("converter: \(f) °F is \(c) °C")
      let consumed = texts.firstIndex { $0.hasPrefix("consumer: \(c) °C") } ?? -1
      if !(0 <= sensed && sensed < converted && converted < consumed) {
        return "\(f) °F: sensed at line \(sensed), converted \(converted), consumed \(consumed)"
      }
    }
    let converterDone = index("converter: done")
    if index("sensor: done") > converterDone { return "the converter finished first" }
    return texts.last == "consumer: 5 readings" && converterDone < texts.count - 1
      ? nil : "the consumer did not finish last"
  }
}

extension SwiftConcurrencyTests {
  @Suite("an AsyncStream pipeline: sensor, converter, consumer")
  struct SensorPipelineTests {
    @Test("five readings through three stages: the golden transcript")
    func pipelineTranscript() {
      assertTranscript(named: "pipeline", Programs.pipeline)
    }

    @Test("under 300 seeds: every reading through every stage once, in order")
    func seeded() {
      let violations = assertInvariants(
        [PipelineInvariants.inOrderOnce, PipelineInvariants.causal], seeds: 0..<300,
        Programs.pipeline)
      #expect(violations.isEmpty)
    }
  }
}
