import ConcurrencyRuntime
import Foundation
import Futures

#if canImport(Glibc)
  import Glibc
#endif

/// Many jobs through ``ProcessPoolExecutor``s with random cancellations and time-outs, each
/// future checked against what was done to it, as ``ThreadPoolStress`` does for threads.
///
/// Each job is ``tally``: it throws one time in ten, and otherwise answers with its number and
/// the worker's own count of the jobs it answered. So besides every future ending once and as
/// it should, the run checks that no answer is lost or duplicated: for each worker, the counts
/// that came back are 1, 2, 3, … with no gap and no repeat. A fresh pool of 1 to 4 workers
/// takes over every ``batchesPerExecutor`` batches, some replacing their workers every few
/// hundred jobs (`maxTasksPerChild`); the old pool is shut down right after its last batch is
/// submitted, with `cancelFutures`.
///
/// The workers must host ``tally`` (register it with ``register(in:)``).
///
///     let report = try ProcessPoolStress(jobs: 2_000, command: command).run(on: .live())
///     print(report.violationCount)
///     // 0
public struct ProcessPoolStress: Sendable {
  /// How many jobs in all.
  public var jobs: Int
  /// The random choices' seed.
  public var seed: UInt64
  /// How the pool starts a live worker.
  public var command: WorkerCommand
  /// How many jobs are alive at once.
  public var batchSize = 500
  /// How many batches one pool runs before the next takes over.
  public var batchesPerExecutor = 5
  /// How long a batch's done-callbacks may take, once every future has a result.
  public var callbackLimit = Duration.seconds(60)

  /// A run of `jobs` jobs, chosen from `seed`, on workers started with `command`.
  public init(jobs: Int, seed: UInt64 = 1, command: WorkerCommand) {
    self.jobs = jobs
    self.seed = seed
    self.command = command
  }

  /// One job: which run it belongs to (so that runs sharing a process keep their own counts),
  /// its number, and whether it throws.
  public struct Job: Codable, Sendable {
    var run: UInt64
    var index: Int
    var fails: Bool
  }

  /// A job's answer: its number, the worker that ran it, and how many jobs of this run that
  /// worker had answered, this one included.
  public struct Tally: Codable, Sendable {
    var index: Int
    var worker: String
    var count: Int
  }

  /// The stress's worker function.
  public static let tally = WorkerFunction<Job, Tally>("stress.tally") { job in
    if job.fails { throw StressFailure(index: job.index) }
    // A simulated worker is a thread of this process named after the worker.
    let worker = "\(getpid()) \(Runtime.current.currentThreadName)"
    let count = WorkerCounts.shared.next("\(job.run) \(worker)")
    return Tally(index: job.index, worker: worker, count: count)
  }

  /// Adds ``tally`` to a worker's registry.
  public static func register(in registry: inout WorkerRegistry) {
    registry.register(tally)
  }

  /// The registry the simulated workers host in virtual time.
  public static let registry: WorkerRegistry = {
    var registry = WorkerRegistry()
    register(in: &registry)
    return registry
  }()

  /// Runs the stress on `runtime` (its trace off) and reports; the monitor, if any, hears of
  /// each batch done.
  public func run(on runtime: Runtime, monitor: StressMonitor? = nil) throws -> StressReport {
    runtime.trace.recordsSpans = false
    runtime.trace.recordsBlocking = false
    let start = ContinuousClock.now
    let runID = UInt64.random(in: 1...UInt64.max)
    var report = try runtime.run { [self] in
      var report = StressReport(name: "process-pool")
      var random = StressRandom(seed: seed)
      var answers = AnswerCounts()
      var next = 0
      var batchNumber = 0
      var executor: ProcessPoolExecutor?
      while next < jobs {
        if executor == nil {
          executor = try ProcessPoolExecutor(
            maxWorkers: random.number(in: 1...4),
            maxTasksPerChild: random.chance(30) ? random.number(in: 50...500) : nil,
            registry: Self.registry, command: command, runtime: runtime)
          report.executors += 1
        }
        guard let pool = executor else { break }
        let count = min(batchSize, jobs - next)
        batchNumber += 1
        let last = batchNumber % batchesPerExecutor == 0 || next + count == jobs
        try runBatch(
          pool, from: next, count: count, lastOfPool: last, runID: runID, &random, &report,
          &answers, runtime: runtime)
        if last {
          pool.shutdown(wait: true)
          executor = nil
        }
        next += count
        monitor?.advance(by: count)
      }
      for problem in answers.gaps() { report.violation(problem) }
      return report
    }
    report.seconds = (ContinuousClock.now - start).seconds
    return report
  }

  private func runBatch(
    _ executor: ProcessPoolExecutor, from first: Int, count: Int, lastOfPool: Bool,
    runID: UInt64, _ random: inout StressRandom, _ report: inout StressReport,
    _ answers: inout AnswerCounts, runtime: Runtime
  ) throws {
    var failing: [Bool] = []
    failing.reserveCapacity(count)
    let batch = StressBatch<Tally>(runtime: runtime, capacity: count) { index, outcome in
      Self.check(index, outcome, fails: failing[index - first])
    }
    for index in first..<(first + count) {
      let fails = random.chance(10)
      failing.append(fails)
      let future = try executor.submit(Self.tally, Job(run: runID, index: index, fails: fails))
      batch.add(future, index: index, probe: FutureProbe())
      if random.chance(10) { batch.cancel(at: batch.entries.count - 1, &report) }
    }
    if lastOfPool {
      executor.shutdown(wait: false, cancelFutures: true)
      batch.shutdownCancels = true
      // Futures cancelled by the shutdown never reach `asCompleted` or `wait` (as in CPython).
      batch.consume(.results, &random, &report)
    } else {
      batch.consume(random.pick(Consumption.allCases), &random, &report)
    }
    batch.settle(&report, callbackLimit: callbackLimit) { entry, _ in
      guard let tally = try? entry.future.result(timeout: .zero) else { return nil }
      return answers.note(tally)
    }
  }

  /// Whether a job's outcome is its own: its tally, or its own error from the worker.
  static func check(_ index: Int, _ outcome: Result<Tally, any Error>, fails: Bool) -> String? {
    switch outcome {
    case .success(let tally) where fails:
      return "answered \(tally) instead of throwing"
    case .success(let tally):
      return tally.index == index ? nil : "answered for job \(tally.index)"
    case .failure(let error as RemoteError) where fails:
      return error.typeName == "StressFailure" && error.message.contains("index: \(index))")
        ? nil : "failed with \(error)"
    case .failure(let error):
      return "failed with \(error)"
    }
  }
}

/// Each worker's answers as the parent saw them, in submission order: a worker takes its jobs
/// in that order, so its counts must rise by one from 1.
struct AnswerCounts {
  private var last: [String: Int] = [:]
  private var seen: [String: Int] = [:]

  /// Notes an answer; what is wrong with it, or nil.
  mutating func note(_ tally: ProcessPoolStress.Tally) -> String? {
    let previous = last[tally.worker] ?? 0
    last[tally.worker] = tally.count
    seen[tally.worker, default: 0] += 1
    if tally.count <= previous {
      return "worker \(tally.worker) answered its job \(tally.count) after its job \(previous)"
    }
    return nil
  }

  /// The workers some of whose answers never arrived.
  func gaps() -> [String] {
    last.keys.sorted().compactMap { worker in
      let count = last[worker] ?? 0
      let arrived = seen[worker] ?? 0
      return count == arrived
        ? nil : "worker \(worker) answered \(count) jobs; \(arrived) answers arrived"
    }
  }
}

/// The answer counts of the workers in this process (one, live; every simulated one, in
/// virtual time), by run and worker.
final class WorkerCounts: @unchecked Sendable {
  static let shared = WorkerCounts()
  private let lock = NSLock()
  // Guarded by `lock`.
  private var counts: [String: Int] = [:]

  /// The next count of `key`, from 1.
  func next(_ key: String) -> Int {
    lock.withLock {
      counts[key, default: 0] += 1
      return counts[key] ?? 0
    }
  }
}
