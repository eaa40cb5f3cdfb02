import CommandLineKit
import ConcurrencyRuntime
import Futures

/// The process pool against threads and against CPython: the round trip of one job through a
/// worker process, and the speed-up of CPU-bound work (SHA-256) with two workers over one, for
/// Swift threads and Swift processes. `Benchmarks/procpool_bench.py` measures CPython's side.
///
///     $ lessons-bench procpool
///     roundtrip us_per_job=14.2 median_us_per_job=14.9 jobs=20000 runs=5
///     cpu-threads speedup=1.98 one=1.234s two=0.623s jobs=16 bytes=16777216
///     cpu-processes speedup=1.97 one=1.240s two=0.629s jobs=16 bytes=16777216
///
/// The round trip is `submit(identity, n).result()` one job at a time on a warm pool of two
/// workers (best of `--repeat` runs after a warm-up). The speed-up times `--jobs` digests of
/// `--bytes` each on a warm pool of one worker and of two, taking turns (best of `--repeat`
/// each).
enum ProcessPoolBenchmark: BenchmarkMode {
  static let name = "procpool"
  static let summary = "process pool: job round trip; CPU-bound speed-up, threads and processes"

  /// How many round trips, how many CPU-bound jobs of how many bytes, how many timed runs.
  struct Options {
    var roundtrips = 20_000
    var jobs = 16
    var bytes = 16 << 20
    var repeats = 5
  }

  static var arguments: ArgumentSet<Options> {
    ArgumentSet(
      Options(),
      options: [
        .value(
          "--roundtrips", valueName: "N", help: "jobs timed for the round trip (default 20000)",
          parser: .count, into: \.roundtrips),
        .value(
          "--jobs", valueName: "J", help: "CPU-bound jobs (default 16)", parser: .count,
          into: \.jobs),
        .value(
          "--bytes", valueName: "B", help: "bytes hashed per job (default 16777216)",
          parser: .count, into: \.bytes),
        .value(
          "--repeat", valueName: "R", help: "timed runs, the best reported (default 5)",
          parser: .count, into: \.repeats),
      ])
  }

  static func measure(_ options: Options) throws {
    let (roundtrips, jobs, bytes, repeats) = (
      options.roundtrips, options.jobs, options.bytes, options.repeats
    )

    let runtime = Runtime.live()
    runtime.trace.recordsSpans = false
    runtime.trace.recordsBlocking = false
    try runtime.run {
      try roundTrip(count: roundtrips, repeats: repeats, runtime: runtime)
      let work = (0..<jobs).map { DigestJob(seed: UInt64($0), size: bytes) }
      let expected = work.map { try? BenchmarkWorkers.digest($0) }
      for kind in ["threads", "processes"] {
        let (one, two) = try cpuBound(kind, work: work, expected: expected, repeats: repeats)
        BenchmarkOutput.line(
          "cpu-\(kind) speedup=\(format(one / two)) one=\(format(one, 3))s two=\(format(two, 3))s "
            + "jobs=\(jobs) bytes=\(bytes) first_digest=\(expected.first.flatMap { $0 } ?? "none")")
      }
    }
  }

  static func makePool(workers: Int, runtime: Runtime) throws -> ProcessPoolExecutor {
    try ProcessPoolExecutor(
      maxWorkers: workers, registry: BenchmarkWorkers.registry, runtime: runtime)
  }

  static func roundTrip(count: Int, repeats: Int, runtime: Runtime) throws {
    let executor = try makePool(workers: 2, runtime: runtime)
    defer { executor.shutdown() }
    func once() throws -> Double {
      let start = monotonicNanoseconds()
      var sum = 0
      for index in 0..<count {
        sum &+= try executor.submit(BenchmarkWorkers.identity, index).result()
      }
      let elapsed = Double(monotonicNanoseconds() - start)
      guard sum == count * (count - 1) / 2 else {
        throw BenchmarkFailure(message: "wrong round-trip sum")
      }
      return elapsed / Double(count) / 1000
    }
    _ = try once()
    let times = try (0..<repeats).map { _ in try once() }.sorted()
    BenchmarkOutput.line(
      "roundtrip us_per_job=\(format(times[0])) median_us_per_job=\(format(times[times.count / 2])) "
        + "jobs=\(count) runs=\(repeats)")
  }

  /// The best times, in seconds, of the digests of `work` on a warm pool of one worker and on
  /// one of two. The two take turns, so that a burst of other load on this shared machine
  /// slows both alike rather than one of them.
  static func cpuBound(_ kind: String, work: [DigestJob], expected: [String?], repeats: Int)
    throws -> (one: Double, two: Double)
  {
    let runtime = Runtime.current
    let pools = try [1, 2].map { workers -> any WorkerFunctionExecutor in
      if kind == "threads" { return try ThreadPoolExecutor(maxWorkers: workers, runtime: runtime) }
      return try makePool(workers: workers, runtime: runtime)
    }
    defer {
      for pool in pools { pool.shutdown(wait: true, cancelFutures: false) }
    }
    func once(_ executor: any WorkerFunctionExecutor) throws -> Double {
      let start = monotonicNanoseconds()
      let digests = try executor.map(BenchmarkWorkers.digest, work).map { try $0.get() }
      let elapsed = Double(monotonicNanoseconds() - start) / 1e9
      guard digests == expected else {
        throw BenchmarkFailure(message: "\(kind) computed other digests")
      }
      return elapsed
    }
    for pool in pools { _ = try once(pool) }
    var best = [Double.infinity, .infinity]
    for _ in 0..<repeats {
      for index in pools.indices { best[index] = min(best[index], try once(pools[index])) }
    }
    return (best[0], best[1])
  }

  static func format(_ value: Double, _ digits: Int = 2) -> String {
    let scale = (0..<digits).reduce(1.0) { value, _ in value * 10 }
    let rounded = (value * scale).rounded() / scale
    var text = "\(rounded)"
    let decimals = text.split(separator: ".").last?.count ?? 0
    if decimals < digits { text += String(repeating: "0", count: digits - decimals) }
    return text
  }
}
