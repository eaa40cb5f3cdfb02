import CommandLineKit
import ConcurrencyRuntime
import Futures

/// Throughput of `ThreadPoolExecutor` with no-op tasks, in the three ways chapter 17 consumes
/// futures; `Benchmarks/futures_bench.py` measures the same with CPython.
///
///     $ lessons-bench futures
///     submit+result tasks_per_s=1234567 median_tasks_per_s=1200000 tasks=100000 workers=4 runs=5
///     map tasks_per_s=…
///     as_completed tasks_per_s=…
///     dispatch-semaphore tasks_per_s=…
///
/// Each pattern is warmed up once, then timed `--repeat` times on a fresh executor (threads
/// start on demand, as in CPython, so their start-up is inside the timing); `tasks_per_s` is
/// the best run, `median_tasks_per_s` the median. Timing stops when the last result has been
/// taken; shutting the pool down and freeing the futures are outside it. The last line is
/// ``DispatchBaseline``, the practical limit, timed the same way.
enum FuturesBenchmark: BenchmarkMode {
  static let name = "futures"
  static let summary = "ThreadPoolExecutor throughput: submit+result, map, as_completed"

  /// How much work, on how many threads, how many times.
  struct Options {
    var tasks = 100_000
    var workers = 4
    var repeats = 5
  }

  static var arguments: ArgumentSet<Options> {
    ArgumentSet(
      Options(),
      options: [
        .value(
          "--tasks", valueName: "N", help: "no-op tasks per run (default 100000)",
          parser: .count, into: \.tasks),
        .value(
          "--workers", valueName: "W", help: "the pool's threads (default 4)", parser: .count,
          into: \.workers),
        .value(
          "--repeat", valueName: "R",
          help: "timed runs after the warm-up; the best is "
            + "reported, and the median (default 5)", parser: .count, into: \.repeats),
      ])
  }

  /// One way of handing N tasks to an executor and taking their results.
  struct Pattern: Sendable {
    let name: String
    /// Runs the tasks and returns the sum of their results (so that nothing is optimised out).
    let body: @Sendable (ThreadPoolExecutor, Int) throws -> Int
  }

  static let patterns: [Pattern] = [
    Pattern(name: "submit+result") { executor, count in
      var futures: [Future<Int>] = []
      futures.reserveCapacity(count)
      for _ in 0..<count { futures.append(try executor.submit { 1 }) }
      var sum = 0
      for future in futures { sum += try future.result() }
      return sum
    },
    Pattern(name: "map") { executor, count in
      var sum = 0
      for result in try executor.map({ (_: Int) in 1 }, 0..<count) { sum += try result.get() }
      return sum
    },
    Pattern(name: "as_completed") { executor, count in
      var futures: [Future<Int>] = []
      futures.reserveCapacity(count)
      for _ in 0..<count { futures.append(try executor.submit { 1 }) }
      var sum = 0
      for future in asCompleted(futures) { sum += try future.result() }
      return sum
    },
  ]

  static func measure(_ options: Options) throws {
    let (tasks, workers, repeats) = (options.tasks, options.workers, options.repeats)
    let runtime = Runtime.live()
    runtime.trace.recordsSpans = false
    runtime.trace.recordsBlocking = false
    for pattern in patterns {
      let rates = try runtime.run {
        _ = try measure(pattern, tasks: tasks, workers: workers)  // warm-up
        return try (0..<repeats).map { _ in
          Double(tasks) / (try measure(pattern, tasks: tasks, workers: workers))
        }
      }
      report(pattern.name, rates: rates, tasks: tasks, extra: "workers=\(workers) ")
    }
    _ = try DispatchBaseline.measure(tasks: tasks)  // warm-up
    let rates = try (0..<repeats).map { _ in
      Double(tasks) / (try DispatchBaseline.measure(tasks: tasks))
    }
    report(DispatchBaseline.name, rates: rates, tasks: tasks, extra: "")
  }

  /// Prints the line of one pattern: its best rate and its median.
  private static func report(_ name: String, rates: [Double], tasks: Int, extra: String) {
    let sorted = rates.sorted()
    let best = sorted.last ?? 0
    BenchmarkOutput.line(
      "\(name) tasks_per_s=\(Int(best)) "
        + "median_tasks_per_s=\(Int(sorted.isEmpty ? 0 : sorted[sorted.count / 2])) "
        + "tasks=\(tasks) \(extra)runs=\(rates.count)")
  }

  /// Seconds that one run of `pattern` takes on a fresh pool.
  static func measure(_ pattern: Pattern, tasks: Int, workers: Int) throws -> Double {
    let executor = try ThreadPoolExecutor(maxWorkers: workers)
    defer { executor.shutdown(wait: true) }
    let start = monotonicNanoseconds()
    let sum = try pattern.body(executor, tasks)
    let elapsed = monotonicNanoseconds() - start
    guard sum == tasks else {
      throw BenchmarkFailure(message: "\(pattern.name): results add up to \(sum), not \(tasks)")
    }
    return Double(elapsed) / 1e9
  }
}

/// A benchmark that got a wrong answer: exit status 1.
struct BenchmarkFailure: Error, CustomStringConvertible {
  let message: String
  var description: String { message }
}
