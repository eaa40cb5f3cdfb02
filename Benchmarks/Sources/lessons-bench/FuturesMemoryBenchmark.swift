import CommandLineKit
import ConcurrencyRuntime
import Foundation
import Futures

#if canImport(Glibc)
  import Glibc
#endif

/// Peak memory while N futures stream through `asCompleted` and `map`, for N/10 and for N, so
/// that whether it grows with N shows in one run.
///
///     $ lessons-bench futures-memory
///     as_completed tasks=100000 peak_rss_kb=61280 held=0/1000
///     as_completed tasks=1000000 peak_rss_kb=362948 held=0/1000
///     as_completed peak_rss N/10=59.8MB N=354.4MB growth=5.92x held_at_end=0/1000 …
///     …
///     map_buffered peak_rss N/10=26.9MB N=26.9MB growth=1.00x held_at_end=0/1000 …
///
/// Each figure comes from a fresh child process (`--run P`), so that each peak (`VmHWM`, the
/// high-water mark of the resident set) is its own. Every task returns a small object; one in
/// every N/1000 of those the consumer takes is watched through a weak reference, and `held`
/// counts how many are still alive after the last result was taken, with the iterator still
/// alive and the pool's threads gone: what the iterator keeps of what it handed out.
///
/// - `as_completed`: N futures submitted and handed straight to `asCompleted`, the caller
///   keeping none. All N exist at once when iteration starts, as in CPython (it takes a set),
///   so the peak grows with N; what must not grow is what the iterator still holds.
/// - `map`: `map` over N inputs, everything submitted at once (CPython's default): the same.
/// - `map_buffered`: `map(…, bufferSize: B)` over a lazy range: at most B tasks ahead of the
///   consumer, so the peak should not depend on N at all.
enum FuturesMemoryBenchmark: BenchmarkMode {
  static let name = "futures-memory"
  static let summary = "peak RSS streaming N futures through asCompleted and map, for N/10 and N"

  /// How many tasks, on how many threads, with which buffer; `run` is the child's pattern.
  struct Options {
    var tasks = 1_000_000
    var workers = 4
    var buffer = 1024
    var run = 0
  }

  static var arguments: ArgumentSet<Options> {
    ArgumentSet(
      Options(),
      options: [
        .value(
          "--tasks", valueName: "N", help: "tasks streamed (default 1000000)", parser: .count,
          into: \.tasks),
        .value(
          "--workers", valueName: "W", help: "the pool's threads (default 4)", parser: .count,
          into: \.workers),
        .value(
          "--buffer", valueName: "B", help: "map's bufferSize (default 1024)", parser: .count,
          into: \.buffer),
        .value(
          "--run", valueName: "I", help: "measure pattern I in this process (internal)",
          hidden: true, parser: .integer(in: 1...patterns.count), into: \.run),
      ])
  }

  /// One way of streaming `tasks` results through an iterator.
  struct Pattern: Sendable {
    let name: String
    /// Streams the tasks and returns the sum of the results and how many sampled results are
    /// still alive at the end, the iterator still alive.
    let body: @Sendable (_ tasks: Int, _ workers: Int, _ buffer: Int) throws -> (Int, Int)
  }

  static let patterns: [Pattern] = [
    Pattern(name: "as_completed") { tasks, workers, _ in
      let executor = try ThreadPoolExecutor(maxWorkers: workers)
      let completions = asCompleted(try (0..<tasks).map { _ in try executor.submit { Token() } })
      var sampler = Sampler(tasks: tasks)
      var sum = 0
      while let future = completions.next() {
        let token = try future.result()
        sum += token.value
        sampler.note(token)
      }
      executor.shutdown(wait: true)
      let held = sampler.alive
      withExtendedLifetime(completions) {}
      return (sum, held)
    },
    Pattern(name: "map") { tasks, workers, _ in
      let executor = try ThreadPoolExecutor(maxWorkers: workers)
      let results = try executor.map({ _ in Token() }, 0..<tasks)
      return try drain(results, executor: executor, tasks: tasks)
    },
    Pattern(name: "map_buffered") { tasks, workers, buffer in
      let executor = try ThreadPoolExecutor(maxWorkers: workers)
      let results = try executor.map({ _ in Token() }, 0..<tasks, bufferSize: buffer)
      return try drain(results, executor: executor, tasks: tasks)
    },
  ]

  static func measure(_ options: Options) throws {
    let (tasks, workers, buffer, child) = (
      options.tasks, options.workers, options.buffer, options.run
    )
    if child > 0 {
      try measure(patterns[child - 1], tasks: tasks, workers: workers, buffer: buffer)
      return
    }
    let small = max(1, tasks / 10)
    for (index, pattern) in patterns.enumerated() {
      var peaks: [Int] = []
      var held = ""
      for size in [small, tasks] {
        let line = try runChild(
          [
            "--run", "\(index + 1)", "--tasks", "\(size)", "--workers", "\(workers)", "--buffer",
            "\(buffer)",
          ])
        BenchmarkOutput.line(line)
        guard let peak = Int(field("peak_rss_kb", in: line) ?? "") else {
          throw BenchmarkFailure(message: "\(pattern.name): no peak_rss_kb in '\(line)'")
        }
        peaks.append(peak)
        held = field("held", in: line) ?? "?"
      }
      let growth = Double(peaks[1]) / Double(max(1, peaks[0]))
      BenchmarkOutput.line(
        "\(pattern.name) peak_rss N/10=\(megabytes(peaks[0])) N=\(megabytes(peaks[1])) "
          + "growth=\(String(format: "%.2f", growth))x held_at_end=\(held) tasks=\(tasks) "
          + "workers=\(workers)"
          + (pattern.name == "map_buffered" ? " buffer=\(buffer)" : ""))
    }
  }

  /// Runs `pattern` in this process and prints its line.
  static func measure(_ pattern: Pattern, tasks: Int, workers: Int, buffer: Int) throws {
    let runtime = Runtime.live()
    runtime.trace.recordsSpans = false
    runtime.trace.recordsBlocking = false
    let (sum, held) = try runtime.run { try pattern.body(tasks, workers, buffer) }
    guard sum == tasks else {
      throw BenchmarkFailure(message: "\(pattern.name): results add up to \(sum), not \(tasks)")
    }
    let peak = ProcessStatus.kilobytes("VmHWM") ?? ProcessStatus.maxResidentKilobytes()
    BenchmarkOutput.line(
      "\(pattern.name) tasks=\(tasks) peak_rss_kb=\(peak) "
        + "held=\(held)/\(Sampler.sampleCount(tasks: tasks))")
  }

  /// Takes every result of `results`, then reports like a pattern's body.
  static func drain(_ results: MapResults<Token>, executor: ThreadPoolExecutor, tasks: Int) throws
    -> (Int, Int)
  {
    var sampler = Sampler(tasks: tasks)
    var sum = 0
    while let result = results.next() {
      let token = try result.get()
      sum += token.value
      sampler.note(token)
    }
    executor.shutdown(wait: true)
    let held = sampler.alive
    withExtendedLifetime(results) {}
    return (sum, held)
  }

  /// Runs this executable with `arguments` after the mode and returns its one line of output.
  static func runChild(_ arguments: [String]) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: try executablePath())
    process.arguments = [name] + arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    let output = String(decoding: data, as: UTF8.self)
      .trimmingCharacters(in: .whitespacesAndNewlines)
    guard process.terminationStatus == 0, !output.isEmpty else {
      throw BenchmarkFailure(
        message: "child '\(arguments.joined(separator: " "))' failed "
          + "(status \(process.terminationStatus))")
    }
    return output
  }

  /// This executable, as the kernel knows it.
  static func executablePath() throws -> String {
    var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
    let length = readlink("/proc/self/exe", &buffer, buffer.count - 1)
    guard length > 0 else {
      throw BenchmarkFailure(message: "cannot read /proc/self/exe")
    }
    return String(decoding: buffer[..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
  }

  /// The value of `name=` in a line of `key=value` fields.
  static func field(_ name: String, in line: String) -> String? {
    line.split(separator: " ").first { $0.hasPrefix(name + "=") }
      .map { String($0.dropFirst(name.count + 1)) }
  }

  static func megabytes(_ kilobytes: Int) -> String {
    String(format: "%.1fMB", Double(kilobytes) / 1024)
  }
}

/// A task's result with an identity, so that the benchmark can watch it weakly.
final class Token: Sendable {
  let value = 1
}

/// Weak references to one result in every `tasks / 1000`.
struct Sampler {
  private final class Weak {
    weak var object: Token?
    init(_ object: Token) { self.object = object }
  }

  private let every: Int
  private var seen = 0
  private var watched: [Weak] = []

  init(tasks: Int) {
    every = max(1, tasks / 1000)
  }

  /// How many results `Sampler(tasks:)` watches.
  static func sampleCount(tasks: Int) -> Int {
    let every = max(1, tasks / 1000)
    return (tasks + every - 1) / every
  }

  mutating func note(_ token: Token) {
    if seen % every == 0 { watched.append(Weak(token)) }
    seen += 1
  }

  /// The watched results still alive.
  var alive: Int { watched.count { $0.object != nil } }
}

/// Fields of `/proc/self/status`.
enum ProcessStatus {
  /// The value of a `kB` field such as `VmHWM` (peak resident set) or `VmRSS`.
  static func kilobytes(_ field: String) -> Int? {
    guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else {
      return nil
    }
    for line in text.split(separator: "\n") where line.hasPrefix(field + ":") {
      let number = line.dropFirst(field.count + 1).split(whereSeparator: \.isWhitespace).first
      return number.flatMap { Int($0) }
    }
    return nil
  }

  /// `getrusage`'s `ru_maxrss`: the same peak, in kilobytes on Linux.
  static func maxResidentKilobytes() -> Int {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return usage.ru_maxrss
  }
}
