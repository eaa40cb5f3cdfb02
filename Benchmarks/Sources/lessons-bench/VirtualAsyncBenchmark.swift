import CommandLineKit
import ConcurrencyRuntime
import Foundation
import GoldenFiles
import TranscriptTesting

/// The virtual runtime on plain Swift concurrency against the fastest plain-Swift peer: a
/// serial task executor with a manual clock (``ManualExecutor``), the same 20-child task
/// group (``TwentyChildren``) on both.
///
///     $ lessons-bench virtual-async
///     virtual-async-seeds ours_per_s=… peer_per_s=… ratio=…x seeds=1000 children=20 runs=3 (best)
///     virtual-async-transcript ours_us=… peer_us=… ratio=…x iterations=200 runs=3 (best)
///
/// Ours runs the group as a test does, with plain `Task.sleep(for:)`, each seed a whole
/// `RecordedRun.record(seed:)` (a new virtual runtime, its console, its trace and its schedule).
/// The peer cannot move plain `Task.sleep` onto its clock without the toolchain's scheduling
/// SPI, so it is handed the clock (`clock.sleep(for:)`); it too draws the next job and the
/// order of sleepers due together from the seed, and stamps its lines on its clock. The second
/// figure is one golden-transcript test body: the canonical run, then its output compared
/// with the golden file (ours: `GoldenFile.compare`, as `assertTranscript` does; the peer: the
/// file read and compared with `==`). Both sides must print the same transcript, which is the
/// one golden file both compare with. A ratio above 1 means ours is faster.
enum VirtualAsyncBenchmark: BenchmarkMode {
  static let name = "virtual-async"
  static let summary =
    "plain Swift concurrency in the virtual runtime against a hand-rolled manual clock"

  /// How many seeds and transcript bodies, how many times.
  struct Options {
    var seeds = 1_000
    var iterations = 200
    var runs = 3
  }

  static var arguments: ArgumentSet<Options> {
    ArgumentSet(
      Options(),
      options: [
        .value(
          "--seeds", valueName: "N", help: "seeded runs per timing (default 1000)",
          parser: .count, into: \.seeds),
        .value(
          "--iterations", valueName: "I",
          help: "golden-transcript bodies per timing (default 200)", parser: .count,
          into: \.iterations),
        .value(
          "--runs", valueName: "R",
          help: "timings per side, taking turns; the best is kept "
            + "(default 3)", parser: .count, into: \.runs),
      ])
  }

  static func measure(_ options: Options) throws {
    let golden = try goldenFile()
    defer { try? FileManager.default.removeItem(at: golden.url.deletingLastPathComponent()) }
    // One checked run of each side first: a wrong transcript is reported, not timed.
    for seed in [nil, 1] as [UInt64?] {
      if let problem = TwentyChildren.problem(in: try oursOutput(seed: seed)) {
        throw BenchmarkFailure(message: "ours, seed \(String(describing: seed)): \(problem)")
      }
      if let problem = TwentyChildren.problem(in: try peerOutput(seed: seed)) {
        throw BenchmarkFailure(message: "peer, seed \(String(describing: seed)): \(problem)")
      }
    }
    var (ours, peer) = (Double.infinity, Double.infinity)
    for _ in 0..<options.runs {
      ours = min(
        ours, try time { for seed in 0..<options.seeds { _ = try oursOutput(seed: UInt64(seed)) } })
      peer = min(
        peer, try time { for seed in 0..<options.seeds { _ = try peerOutput(seed: UInt64(seed)) } })
    }
    let seeds = Double(options.seeds)
    BenchmarkOutput.line(
      "virtual-async-seeds ours_per_s=\(format(seeds / ours, 0)) "
        + "peer_per_s=\(format(seeds / peer, 0)) ratio=\(format(peer / ours, 2))x "
        + "seeds=\(options.seeds) children=\(TwentyChildren.count) runs=\(options.runs) (best)")
    (ours, peer) = (Double.infinity, Double.infinity)
    for _ in 0..<options.runs {
      ours = min(ours, try time { for _ in 0..<options.iterations { try oursTranscript(golden) } })
      peer = min(peer, try time { for _ in 0..<options.iterations { try peerTranscript(golden) } })
    }
    let each = 1e6 / Double(options.iterations)
    BenchmarkOutput.line(
      "virtual-async-transcript ours_us=\(format(ours * each, 1)) "
        + "peer_us=\(format(peer * each, 1)) ratio=\(format(peer / ours, 2))x "
        + "iterations=\(options.iterations) runs=\(options.runs) (best)")
  }

  /// Ours: a whole recorded run in a new virtual runtime, plain `Task.sleep`.
  static func oursOutput(seed: UInt64?) throws -> String {
    let run = RecordedRun.record(seed: seed) { () async throws in
      try await TwentyChildren.run(
        sleep: { try await Task.sleep(for: $0) },
        log: { Runtime.current.console.display($0) })
    }
    if let failure = run.failure { throw BenchmarkFailure(message: "ours failed: \(failure)") }
    return run.output
  }

  /// The peer: the same group on a new manual executor, sleeping on its clock.
  static func peerOutput(seed: UInt64?) throws -> String {
    let executor = ManualExecutor(seed: seed)
    let clock = executor.clock
    try executor.run {
      try await TwentyChildren.run(
        sleep: { try await clock.sleep(for: $0) }, log: { executor.log($0) })
    }
    return executor.output
  }

  /// The golden-transcript body as `assertTranscript` runs it: record, then compare.
  static func oursTranscript(_ golden: GoldenFile) throws {
    let output = try oursOutput(seed: nil)
    let result = try golden.compare(output, record: .never)
    guard case .matched = result else {
      throw BenchmarkFailure(message: "ours does not match the golden file: \(result)")
    }
  }

  /// The same body on the peer: run, read the golden file, compare.
  static func peerTranscript(_ golden: GoldenFile) throws {
    let output = try peerOutput(seed: nil)
    guard try String(contentsOf: golden.url, encoding: .utf8) == output else {
      throw BenchmarkFailure(message: "the peer does not match the golden file")
    }
  }

  /// A golden file of ours' canonical transcript in a fresh temporary folder; the peer's
  /// canonical transcript must be the same bytes.
  static func goldenFile() throws -> GoldenFile {
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent(
        "lessons-bench-virtual-async-\(ProcessInfo.processInfo.processIdentifier)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let url = folder.appendingPathComponent("twentyChildren.txt")
    let ours = try oursOutput(seed: nil)
    let peer = try peerOutput(seed: nil)
    guard ours == peer else {
      throw BenchmarkFailure(
        message: "the two sides' canonical transcripts differ:\n\(ours)---\n\(peer)")
    }
    try ours.write(to: url, atomically: true, encoding: .utf8)
    return GoldenFile(url)
  }

  /// Seconds that `work` takes.
  static func time(_ work: () throws -> Void) rethrows -> Double {
    let start = monotonicNanoseconds()
    try work()
    return Double(monotonicNanoseconds() - start) / 1e9
  }

  static func format(_ value: Double, _ decimals: Int) -> String {
    String(format: "%.\(decimals)f", value)
  }
}
