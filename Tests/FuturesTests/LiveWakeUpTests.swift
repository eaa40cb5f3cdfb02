import ConcurrencyRuntime
import Futures
import Testing

/// Live, pool threads spin briefly before they sleep and a submission wakes a sleeping thread
/// only for work that no spinning thread will take. These tests check the promise that comes
/// with it: work never waits for a busy thread while an idle one sleeps, and no wake-up is lost
/// when submissions and sleeps interleave. A lost wake-up would leave a future unfinished, so
/// every wait has a time-out that turns a hang into a failure, and the pools are shut down
/// without waiting (a thread stuck by such a bug would make a waiting shutdown hang).
@Suite("ThreadPoolExecutor wake-ups (live)")
struct LiveWakeUpTests {
  /// Far longer than any spin (tens of microseconds), far shorter than the time-outs.
  static let settle = Duration.milliseconds(30)
  static let patience = Duration.seconds(10)

  @Test("a sleeping idle thread is woken for new work while the other thread is blocked")
  func idleThreadIsWoken() throws {
    let runtime = Runtime.live()
    try runtime.run {
      try withUnwaitedPool(maxWorkers: 2) { executor in
        let gate = Gate(runtime)
        let blocked = try executor.submit { gate.pass() }
        while !blocked.isRunning { runtime.sleep(for: .milliseconds(1)) }
        // Starts the second thread, which then runs out of work, spins, and sleeps.
        try executor.submit {}.result(timeout: Self.patience)
        runtime.sleep(for: Self.settle)

        let next = try executor.submit { 42 }
        #expect(try next.result(timeout: Self.patience) == 42)
        #expect(blocked.isRunning)
        #expect(executor.threadCount == 2)
        gate.release()
        try blocked.result(timeout: Self.patience)
      }
    }
  }

  @Test("bursts of short tasks separated by pauses of every length all complete")
  func burstsAndPauses() throws {
    let runtime = Runtime.live()
    // From no pause to well past the spin, so that threads are caught spinning, going to
    // sleep, and asleep.
    let pauses: [Duration] = [
      .zero, .microseconds(5), .microseconds(50), .microseconds(500), .milliseconds(3),
    ]
    let total = try runtime.run { () -> Int in
      try withUnwaitedPool(maxWorkers: 4) { executor in
        var total = 0
        for round in 0..<200 {
          let size = 1 + (round * 7) % 9
          let futures = try (0..<size).map { index in
            try executor.submit { () -> Int in
              // Every third task blocks a little, so that some threads are busy, not spinning.
              if index % 3 == 2 { runtime.sleep(for: .microseconds(100)) }
              return 1
            }
          }
          for future in futures { total += try future.result(timeout: Self.patience) }
          runtime.sleep(for: pauses[round % pauses.count])
        }
        return total
      }
    }
    #expect(total == (0..<200).reduce(0) { $0 + 1 + ($1 * 7) % 9 })
  }

  @Test("as_completed and map see every result of a fast stream of tasks")
  func fastStream() throws {
    let runtime = Runtime.live()
    let (completed, mapped) = try runtime.run { () -> (Int, Int) in
      try withUnwaitedPool(maxWorkers: 4) { executor in
        let futures = try (0..<5_000).map { n in try executor.submit { n } }
        var completed = 0
        var completions = asCompleted(futures, timeout: Self.patience)
        while let future = try completions.next() { completed += try future.result() }
        var mapped = 0
        for result in try executor.map({ $0 }, 0..<5_000, timeout: Self.patience) {
          mapped += try result.get()
        }
        return (completed, mapped)
      }
    }
    let expected = (0..<5_000).reduce(0, +)
    #expect(completed == expected)
    #expect(mapped == expected)
  }

  /// A pool that `body` uses, shut down without waiting for its threads.
  private func withUnwaitedPool<R>(maxWorkers: Int, _ body: (ThreadPoolExecutor) throws -> R)
    throws -> R
  {
    let executor = try ThreadPoolExecutor(maxWorkers: maxWorkers)
    defer { executor.shutdown(wait: false, cancelFutures: true) }
    return try body(executor)
  }
}
