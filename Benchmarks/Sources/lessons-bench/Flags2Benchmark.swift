import CommandLineKit
import ConcurrencyRuntime
import Flags
import Foundation
import Lessons

/// The chapter's download functions against a flag server, timed in-process to the
/// millisecond, as `Benchmarks/flags_bench.py` times the Python clients:
///
///     $ lessons-bench flags2-async --port 8001 --concurrency 30 --repeat 3
///     swift-async flags_per_s=11234.5 elapsed=0.060 ok=194 not_found=482 errors=0 concurrency=30
///
/// The code timed is what `lessons flags2 STYLE -e -m C --url …` runs — the lesson's
/// `downloadMany` (or `supervisor`) on an ``HTTPFlagNetwork`` with at most C connections,
/// saving each flag — from the first request to the last count, without the process start and
/// the report, whose `Elapsed time` is printed to the hundredth only. The best of `--repeat`
/// runs after a warm-up run. Flags are saved under `$LESSONS_BENCH_DEST` (default: the
/// temporary directory) in a folder of their own, removed afterwards.
enum Flags2Benchmark {
  /// The server's port, the concurrency and the number of timed runs.
  struct Options {
    var port = 0
    var concurrency: Int?
    var repeats = 3
  }

  /// The options of both styles' commands.
  static var arguments: ArgumentSet<Options> {
    ArgumentSet(
      Options(),
      options: [
        .value(
          "--port", valueName: "P", help: "the flag server's port (required)", parser: .port,
          into: \.port),
        .value(
          "--concurrency", valueName: "C",
          help: "concurrent requests (default: the style's)", parser: .count,
          into: \.concurrency),
        .value(
          "--repeat", valueName: "R", help: "timed runs after a warm-up (default 3)",
          parser: .count, into: \.repeats),
      ]
    ) { options throws(UsageError) in
      if options.port == 0 { throw UsageError("give --port P") }
    }
  }

  static func run(_ options: Options, style: Flags2Style) throws {
    let port = options.port
    let concurrency = options.concurrency ?? style.defaultConcurrency
    let repeats = options.repeats
    let codes = try CountryCodeArguments.expand([], every: true)
    let root = ProcessInfo.processInfo.environment["LESSONS_BENCH_DEST"] ?? NSTemporaryDirectory()
    let dest = root + "/lessons-bench-flags2-\(getpid())-\(style.rawValue)"
    defer { try? FileManager.default.removeItem(atPath: dest) }
    let folder = FlagFolder(dest)
    try folder.prepare()
    var best: (seconds: Double, counter: [DownloadStatus: Int])?
    for round in 0...repeats {
      // A new network each run, as each `lessons flags2` process has: no connection outlives it.
      let network = HTTPFlagNetwork(maxConnections: concurrency, timeout: .seconds(10))
      let site = FlagSite(
        network: network, baseURL: "http://127.0.0.1:\(port)/flags", folder: folder,
        progress: .silent)
      let runtime = Runtime.live(output: { _ in })
      let start = monotonicNanoseconds()
      let counter = try runtime.run {
        try download(style, site, codes, concurrency: concurrency, runtime: runtime)
      }
      let seconds = Double(monotonicNanoseconds() - start) / 1e9
      if round == 0 { continue }
      if best == nil || seconds < best?.seconds ?? 0 { best = (seconds, counter) }
    }
    guard let best else { return }
    let rate = Double(codes.count) / best.seconds
    BenchmarkOutput.line(
      "swift-\(style.rawValue) flags_per_s=\(String(format: "%.1f", rate)) "
        + "elapsed=\(String(format: "%.3f", best.seconds)) ok=\(best.counter[.ok] ?? 0) "
        + "not_found=\(best.counter[.notFound] ?? 0) errors=\(best.counter[.error] ?? 0) "
        + "concurrency=\(concurrency)")
  }

  /// One run of `style`'s download function, as `Flags2Program` calls it.
  private static func download(
    _ style: Flags2Style, _ site: FlagSite, _ codes: [String], concurrency: Int, runtime: Runtime
  ) throws -> [DownloadStatus: Int] {
    switch style {
    case .sequential:
      return Flags2Sequential.downloadMany(site, codes, verbose: false, concurrency: 1)
    case .threadpool:
      return try Flags2ThreadPool.downloadMany(
        site, codes, verbose: false, concurrency: concurrency)
    case .async:
      return try runtime.runAsync {
        await Flags2Async.supervisor(site, codes, verbose: false, concurrency: concurrency)
      }
    }
  }
}

/// `lessons-bench flags2-threadpool`: ``Flags2Benchmark`` of the thread-pool style.
enum Flags2ThreadPoolBenchmark: BenchmarkMode {
  static let name = "flags2-threadpool"
  static let summary = "flags2 threadpool -e against a flag server, timed in-process"
  static var arguments: ArgumentSet<Flags2Benchmark.Options> { Flags2Benchmark.arguments }
  static func measure(_ options: Flags2Benchmark.Options) throws {
    try Flags2Benchmark.run(options, style: .threadpool)
  }
}

/// `lessons-bench flags2-async`: ``Flags2Benchmark`` of the async style.
enum Flags2AsyncBenchmark: BenchmarkMode {
  static let name = "flags2-async"
  static let summary = "flags2 async -e against a flag server, timed in-process"
  static var arguments: ArgumentSet<Flags2Benchmark.Options> { Flags2Benchmark.arguments }
  static func measure(_ options: Flags2Benchmark.Options) throws {
    try Flags2Benchmark.run(options, style: .async)
  }
}
