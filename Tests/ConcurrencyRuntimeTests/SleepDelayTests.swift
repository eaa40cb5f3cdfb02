import Testing

@testable import ConcurrencyRuntime

@Suite("SleepDelay")
struct SleepDelayTests {
  @Test(
    "the duration asked for is recovered from what is left of it",
    arguments: [
      (999_993_500, 1_000_000_000), (999_840_995, 1_000_000_000), (1_094_995_000, 1_095_000_000),
      (1_499_000, 1_500_000), (249_990_000, 250_000_000), (2_999_999_000, 3_000_000_000),
      (1_000_995_000, 1_001_000_000), (59_999_990_000, 60_000_000_000), (99_999_000, 100_000_000),
    ] as [(Int64, Int64)])
  func recovers(remaining: Int64, asked: Int64) {
    #expect(SleepDelay.recover(remaining: .nanoseconds(remaining)) == .nanoseconds(asked))
  }

  @Test("a sleep already over, or of less than a microsecond, is no wait")
  func over() {
    #expect(SleepDelay.recover(remaining: .nanoseconds(-5_000)) == .zero)
    #expect(SleepDelay.recover(remaining: .zero) == .zero)
  }
}

@Suite("SleepDelay within a job")
struct SleepDelayWithinJobTests {
  @Test(
    "a sleep that reached the executor late (its thread preempted) is recovered from the job's time",
    arguments: [
      (97_880_000, 3_000_000, 100_000_000), (1_497_500_000, 2_600_000, 1_500_000_000),
      (999_993_500, 7_000, 1_000_000_000), (1_094_995_000, 6_000, 1_095_000_000),
    ] as [(Int64, Int64, Int64)])
  func late(remaining: Int64, withinJob: Int64, asked: Int64) {
    let recovered = SleepDelay.recover(
      remaining: .nanoseconds(remaining), withinJob: .nanoseconds(withinJob))
    #expect(recovered == .nanoseconds(asked))
  }

  @Test("without the job's time, a late sleep is taken at its remainder (what went wrong)")
  func lateWithout() {
    #expect(SleepDelay.recover(remaining: .nanoseconds(97_880_000)) != .milliseconds(100))
  }
}
