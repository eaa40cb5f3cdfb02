import Testing
import TranscriptTesting

extension SwiftConcurrencyTests {
  @Suite("every golden program prints the same bytes every time")
  struct DeterminismTests {
    @Test(
      "each golden program, run 100 times, prints the same transcript each time",
      arguments: Programs.golden.map(\.name))
    func repeated(name: String) throws {
      let program = try #require(Programs.golden.first { $0.name == name })
      let first = RecordedRun.record(stamps: program.stamps, program.body)
      #expect(first.failure == nil, "\(first.failure.map { "\($0)" } ?? "")")
      #expect(!first.output.isEmpty)
      var differing = 0
      for _ in 1..<100
      where RecordedRun.record(stamps: program.stamps, program.body).output != first.output {
        differing += 1
      }
      #expect(differing == 0, "\(differing) of 99 runs differed from the first")
    }
  }
}
