import Dispatch

/// The practical limit for `FuturesBenchmark`'s submit+result: no executor at all, just a
/// concurrent `DispatchQueue` and one semaphore per task, which the thread pool should come
/// within 0.9x of.
///
///     $ lessons-bench futures
///     …
///     dispatch-semaphore tasks_per_s=1234567 median_tasks_per_s=1200000 tasks=100000 runs=5
///
/// Each task is a block on the queue that stores its result in a slot of its own and signals
/// the slot's semaphore; the caller then waits on every slot in turn and adds up the results,
/// as submit+result waits on every future. A slot is one allocation per task, as a future is.
enum DispatchBaseline {
  /// The name on the benchmark's output line.
  static let name = "dispatch-semaphore"

  /// One task's result and the semaphore that says it is there.
  private final class Slot: @unchecked Sendable {
    // `value` is written once before `done.signal()` and read after `done.wait()`, which
    // orders the two: hence @unchecked Sendable.
    let done = DispatchSemaphore(value: 0)
    var value = 0
  }

  /// Seconds that `tasks` no-op tasks take through a fresh concurrent queue; throws if their
  /// results do not add up.
  static func measure(tasks: Int) throws -> Double {
    let queue = DispatchQueue(label: "lessons-bench.dispatch", attributes: .concurrent)
    let start = monotonicNanoseconds()
    var slots: [Slot] = []
    slots.reserveCapacity(tasks)
    for _ in 0..<tasks {
      let slot = Slot()
      slots.append(slot)
      queue.async {
        slot.value = 1
        slot.done.signal()
      }
    }
    var sum = 0
    for slot in slots {
      slot.done.wait()
      sum += slot.value
    }
    let elapsed = monotonicNanoseconds() - start
    guard sum == tasks else {
      throw BenchmarkFailure(message: "\(name): results add up to \(sum), not \(tasks)")
    }
    return Double(elapsed) / 1e9
  }
}
