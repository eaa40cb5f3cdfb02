import Foundation

/// What a stress run did to its futures and how they ended, with every broken rule it saw.
///
/// Every future ends exactly once: `finished + failed + cancelled + cancelledByShutdown`
/// equals `futures`, and ``violations`` is empty when everything ended as what was done to it
/// says it must.
///
///     let report = try ThreadPoolStress(tasks: 20_000).run(on: .live())
///     print(report)
///     // thread-pool futures=20000 finished=15873 failed=1981 cancelled=2047 …
public struct StressReport: Sendable, CustomStringConvertible {
  /// What was stressed: `thread-pool` or `process-pool`.
  public var name: String
  /// Futures submitted.
  public var futures = 0
  /// Futures that ended with their work's value.
  public var finished = 0
  /// Futures that ended with their work's error.
  public var failed = 0
  /// Futures cancelled by a `cancel()` that returned true.
  public var cancelled = 0
  /// Futures cancelled by `shutdown(cancelFutures: true)`.
  public var cancelledByShutdown = 0
  /// Calls of `cancel()` that returned false: the work had started or ended.
  public var cancelRefusals = 0
  /// `result(timeout:)` calls that timed out.
  public var resultTimeouts = 0
  /// `asCompleted(_:timeout:)` iterations that timed out.
  public var asCompletedTimeouts = 0
  /// `wait(_:timeout:returnWhen:)` calls that returned with futures not done.
  public var waitsReturnedEarly = 0
  /// Executors made (and shut down) during the run.
  public var executors = 0
  /// Wall time of the run, in seconds.
  public var seconds = 0.0
  /// The resident set during the run.
  public var memory: ResidentMemory?
  /// The first broken rules seen (at most ``maxKept``), each in a line.
  public private(set) var violations: [String] = []
  /// How many broken rules were seen in all.
  public private(set) var violationCount = 0

  /// How many violations are kept in ``violations``.
  public static let maxKept = 20

  /// An empty report of a run of `name`.
  public init(name: String) { self.name = name }

  /// Notes a broken rule.
  public mutating func violation(_ text: String) {
    violationCount += 1
    if violations.count < Self.maxKept { violations.append(text) }
  }

  /// The futures that ended, in one of the four ways.
  public var ended: Int { finished + failed + cancelled + cancelledByShutdown }

  /// Futures per second over the run.
  public var futuresPerSecond: Double { seconds > 0 ? Double(futures) / seconds : 0 }

  /// One line of `name=value` fields, then the violations, one a line.
  public var description: String {
    var text =
      "\(name) futures=\(futures) finished=\(finished) failed=\(failed) cancelled=\(cancelled) "
      + "cancelled_by_shutdown=\(cancelledByShutdown) cancel_refused=\(cancelRefusals) "
      + "result_timeouts=\(resultTimeouts) as_completed_timeouts=\(asCompletedTimeouts) "
      + "waits_returned_early=\(waitsReturnedEarly) executors=\(executors) "
      + "violations=\(violationCount) seconds=\(String(format: "%.3f", seconds)) "
      + "futures_per_s=\(Int(futuresPerSecond))"
    if let memory { text += " \(memory)" }
    for violation in violations { text += "\n  violation: \(violation)" }
    return text
  }
}
