import ConcurrencyRuntime
import SwiftConcurrency
import Testing
import TranscriptTesting

extension SwiftConcurrencyTests {
  @Suite("withTimeout: work raced against a sleep in a task group")
  struct TimeoutErrorTests {
    @Test("work that ends in time returns its value, at its own time, and the sleep is cancelled")
    func inTime() {
      let run = RecordedRun.record {
        let value = try await withTimeout(.seconds(3)) {
          try await Task.sleep(for: .seconds(1))
          return 42
        }
        display("got \(value)")
      }
      #expect(run.output == "[09:00:01] got 42\n")
    }

    @Test("work that runs out of time throws TimeoutError at the limit and is cancelled")
    func outOfTime() {
      let run = RecordedRun.record {
        do {
          _ = try await withTimeout(.milliseconds(1_500)) {
            do {
              try await Task.sleep(for: .seconds(10))
            } catch {
              display("work: \(type(of: error))")
              throw error
            }
          }
        } catch let error as TimeoutError {
          display("\(error)")
        }
      }
      #expect(
        run.output == "[09:00:01] work: CancellationError\n[09:00:01] timed out after 1500 ms\n")
    }

    @Test("the message is in seconds when whole, in milliseconds otherwise")
    func description() {
      #expect("\(TimeoutError(limit: .seconds(3)))" == "timed out after 3 s")
      #expect("\(TimeoutError(limit: .milliseconds(250)))" == "timed out after 250 ms")
    }
  }
}
