import ConcurrencyRuntime
import Futures
import Synchronization

/// Many tasks through ``ThreadPoolExecutor``s with random cancellations and time-outs, each
/// future checked against what was done to it.
///
/// Tasks go in batches (``batchSize``): each task returns its number, throws, or sleeps a
/// little first; some are cancelled as soon as they are submitted; then the batch is taken by
/// `result(timeout:)`, `asCompleted(_:timeout:)` or `wait(_:timeout:returnWhen:)`, chosen at
/// random, with more cancellations on the way. A fresh pool of 1 to 8 threads takes over
/// every ``batchesPerExecutor`` batches; the old one is shut down right after its last batch
/// is submitted, with `cancelFutures`, and half the time without waiting.
///
/// Then each future must have ended exactly once (its done-callback ran once) and as it
/// should: cancelled, its work never run, when a `cancel()` said true (or the shutdown
/// cancelled it); otherwise finished with its own task's value or error, the work run once.
/// Nothing may hang: a batch whose callbacks do not all run within ``callbackLimit`` is a
/// violation, and ``run(on:monitor:)``'s monitor notices a run that stops moving.
///
///     let report = try ThreadPoolStress(tasks: 20_000, seed: 1).run(on: .live())
///     print(report.violationCount, report.ended == report.futures)
///     // 0 true
public struct ThreadPoolStress: Sendable {
  /// How many tasks in all.
  public var tasks: Int
  /// The random choices' seed.
  public var seed: UInt64
  /// How many tasks are alive at once.
  public var batchSize = 1000
  /// How many batches one pool runs before the next takes over.
  public var batchesPerExecutor = 5
  /// How long a batch's done-callbacks may take, once every future has a result.
  public var callbackLimit = Duration.seconds(60)

  /// A run of `tasks` tasks, chosen from `seed`.
  public init(tasks: Int, seed: UInt64 = 1) {
    self.tasks = tasks
    self.seed = seed
  }

  /// What one task does.
  enum Work: Sendable {
    /// Returns the task's number.
    case value
    /// Throws ``StressFailure`` with the task's number.
    case error
    /// Sleeps on the runtime's clock, then returns the number.
    case sleep(Duration)
  }

  /// Runs the stress on `runtime` (its trace off, so that it does not grow) and reports; the
  /// monitor, if any, hears of each batch done.
  public func run(on runtime: Runtime, monitor: StressMonitor? = nil) throws -> StressReport {
    runtime.trace.recordsSpans = false
    runtime.trace.recordsBlocking = false
    let start = ContinuousClock.now
    var report = try runtime.run { [self] in
      var report = StressReport(name: "thread-pool")
      var random = StressRandom(seed: seed)
      var next = 0
      var batchNumber = 0
      var executor: ThreadPoolExecutor?
      while next < tasks {
        if executor == nil {
          executor = try ThreadPoolExecutor(maxWorkers: random.number(in: 1...8), runtime: runtime)
          report.executors += 1
        }
        guard let pool = executor else { break }
        let count = min(batchSize, tasks - next)
        batchNumber += 1
        let last = batchNumber % batchesPerExecutor == 0 || next + count == tasks
        try runBatch(
          pool, from: next, count: count, lastOfPool: last, &random, &report, runtime: runtime)
        if last { executor = nil }
        next += count
        monitor?.advance(by: count)
      }
      return report
    }
    report.seconds = (ContinuousClock.now - start).seconds
    return report
  }

  private func runBatch(
    _ executor: ThreadPoolExecutor, from first: Int, count: Int, lastOfPool: Bool,
    _ random: inout StressRandom, _ report: inout StressReport, runtime: Runtime
  ) throws {
    var works: [Work] = []
    works.reserveCapacity(count)
    let batch = StressBatch<Int>(runtime: runtime, capacity: count) { index, outcome in
      Self.check(index, outcome, work: works[index - first])
    }
    for index in first..<(first + count) {
      let work: Work =
        random.chance(10)
        ? .error
        : random.chance(10) ? .sleep(.microseconds(random.number(in: 10...300))) : .value
      works.append(work)
      let probe = FutureProbe()
      let future = try executor.submit { () throws -> Int in
        probe.runs.add(1, ordering: .relaxed)
        switch work {
        case .value: return index
        case .error: throw StressFailure(index: index)
        case .sleep(let duration):
          runtime.sleep(for: duration)
          return index
        }
      }
      batch.add(future, index: index, probe: probe)
      if random.chance(10) { batch.cancel(at: batch.entries.count - 1, &report) }
    }
    if lastOfPool {
      executor.shutdown(wait: random.chance(50), cancelFutures: true)
      batch.shutdownCancels = true
      // As in CPython, `shutdown(cancelFutures:)` cancels queued futures without notifying
      // `asCompleted` and `wait`, which would wait for them for ever: take results instead.
      batch.consume(.results, &random, &report)
    } else {
      batch.consume(random.pick(Consumption.allCases), &random, &report)
    }
    batch.settle(&report, callbackLimit: callbackLimit) { entry, cancelled in
      let runs = entry.probe.runs.load(ordering: .relaxed)
      let expected = cancelled ? 0 : 1
      return runs == expected ? nil : "its work ran \(runs) times, not \(expected)"
    }
  }

  /// Whether a task's outcome is its own: its number, or its own error.
  static func check(_ index: Int, _ outcome: Result<Int, any Error>, work: Work) -> String? {
    switch (outcome, work) {
    case (.success(let value), .value), (.success(let value), .sleep):
      return value == index ? nil : "returned \(value), not \(index)"
    case (.failure(let error as StressFailure), .error):
      return error.index == index ? nil : "threw task \(error.index)'s error"
    case (.success(let value), .error):
      return "returned \(value) instead of throwing"
    case (.failure(let error), _):
      return "threw \(error)"
    }
  }
}

/// The error a stress task throws on purpose, naming the task.
public struct StressFailure: Error, Equatable, Sendable {
  /// The task's number.
  public var index: Int
}
