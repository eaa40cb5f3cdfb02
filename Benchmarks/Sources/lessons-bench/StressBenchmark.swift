import CommandLineKit
import ConcurrencyRuntime
import Futures
import Stress

#if canImport(Glibc)
  import Glibc
#endif

/// The executors under stress, every future checked, memory sampled:
///
///     $ lessons-bench stress
///     thread-pool futures=1000000 finished=… violations=0 seconds=… futures_per_s=… rss …
///     memory thread-pool growth_after_warm_up=+0.4MB bounded
///     process-pool futures=100000 finished=… violations=0 seconds=… rss …
///     memory process-pool growth_after_warm_up=-0.2MB bounded
///
/// `--tasks` tasks through thread pools (``ThreadPoolStress``) and `--jobs` jobs through
/// process pools whose workers are this executable (``ProcessPoolStress``), with random
/// cancellations and time-outs. The resident set is sampled every 50 ms from
/// `/proc/self/statm`: first, after a tenth of the work (the warm-up), peak and last. Memory is
/// bounded when the last sample is within 10% (and 8 MB) of the one after the warm-up. A
/// broken rule, or no progress for `--stall-limit` seconds (a deadlock), fails the benchmark.
enum StressBenchmark: BenchmarkMode {
  static let name = "stress"
  static let summary = "a million tasks and 100,000 jobs, cancelled and timed out at random"

  /// How much work, from which seed, and how long a stall may last.
  struct Options {
    var tasks = 1_000_000
    var jobs = 100_000
    var seed = 1
    var stallLimit = 60
  }

  static var arguments: ArgumentSet<Options> {
    ArgumentSet(
      Options(),
      options: [
        .value(
          "--tasks", valueName: "N", help: "thread-pool tasks (default 1000000)", parser: .count,
          into: \.tasks),
        .value(
          "--jobs", valueName: "J", help: "process-pool jobs (default 100000)", parser: .count,
          into: \.jobs),
        .value(
          "--seed", valueName: "S", help: "the random choices' seed (default 1)",
          parser: .integer(in: 0...Int.max), into: \.seed),
        .value(
          "--stall-limit", valueName: "T",
          help: "seconds without progress that count as a deadlock (default 60)", parser: .count,
          into: \.stallLimit),
      ])
  }

  static func measure(_ options: Options) throws {
    let seed = UInt64(options.seed)
    let threads = try stressed("thread-pool", total: options.tasks, options) { monitor in
      try ThreadPoolStress(tasks: options.tasks, seed: seed).run(on: .live(), monitor: monitor)
    }
    let processes = try stressed("process-pool", total: options.jobs, options) { monitor in
      try ProcessPoolStress(jobs: options.jobs, seed: seed, command: .currentExecutable())
        .run(on: .live(), monitor: monitor)
    }
    let broken = threads.violationCount + processes.violationCount
    if broken > 0 { throw BenchmarkFailure(message: "\(broken) broken rules (listed above)") }
  }

  /// Runs `body` under a monitor and prints its report and whether memory stayed bounded.
  static func stressed(
    _ name: String, total: Int, _ options: Options,
    _ body: (StressMonitor) throws -> StressReport
  ) throws -> StressReport {
    let monitor = StressMonitor(
      total: total, interval: .milliseconds(50), stallLimit: .seconds(options.stallLimit)
    ) { done in
      BenchmarkOutput.error(
        "lessons-bench stress: \(name) made no progress for \(options.stallLimit) s at "
          + "\(done) of \(total): a deadlock?")
      exit(1)
    }
    var report = try body(monitor)
    let memory = monitor.stop()
    report.memory = memory
    BenchmarkOutput.line("\(report)")
    let growth = memory.growthAfterWarmUp
    let bounded = growth <= max(8 << 20, memory.afterWarmUp / 10)
    BenchmarkOutput.line(
      "memory \(name) growth_after_warm_up=\(growth >= 0 ? "+" : "")"
        + "\(ResidentMemory.megabytes(growth)) \(bounded ? "bounded" : "growing")")
    return report
  }
}
