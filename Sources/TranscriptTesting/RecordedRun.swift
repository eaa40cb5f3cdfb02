import ConcurrencyRuntime
import Foundation

/// One run of a closure in the virtual runtime: everything it printed, the typed events, and
/// the scheduler's decisions, which replay it exactly.
///
/// Threads started through the runtime, the Futures library's executors and async code on
/// the runtime's clock all run on one virtual timeline, so the output is the same every time
/// for the same seed (or schedule).
///
///     let run = RecordedRun.record(seed: 3) {
///       Runtime.current.console.display("hello")
///     }
///     print(run.output, terminator: "")
///     // [09:00:00] hello
public struct RecordedRun: Sendable {
  /// Everything written to the runtime's console, in order.
  ///
  /// `display` stamps each line `[HH:MM:SS]` on the virtual clock, from 09:00:00.
  ///
  ///     RecordedRun.record { Runtime.current.console.display("hi") }.output
  ///     // "[09:00:00] hi\n"
  public var output: String
  /// Every event of the run, in order.
  ///
  /// Output, task spans (an executor's tasks), threads blocking and unblocking.
  ///
  ///     run.events.filter { if case .spanStarted = $0.kind { true } else { false } }.count
  ///     // 3 (three tasks submitted)
  public var events: [TraceEvent]
  /// The seed the run used.
  ///
  /// Nil for the canonical schedule, and for a replayed one.
  ///
  ///     RecordedRun.record(seed: 7, body).seed   // 7
  public var seed: UInt64?
  /// The scheduler's decisions.
  ///
  /// Recording with them (`RecordedRun.record(schedule:_:)`) repeats the run exactly.
  ///
  ///     let again = RecordedRun.record(schedule: run.schedule, body)
  ///     again.output == run.output   // true
  public var schedule: Schedule?
  /// Why the run stopped before it finished (the closure threw, the runtime stopped it), or
  /// nil when it ran through.
  ///
  /// A failed run still has the output and events up to the failure.
  ///
  ///     RecordedRun.record { throw Broken() }.failure?.description
  ///     // "the body threw Broken: Broken()"
  public var failure: RunFailure?

  /// A run with every field given.
  ///
  /// For tests of invariants; runs come from `record`.
  ///
  ///     let run = RecordedRun(output: "", events: [], seed: nil, schedule: nil, failure: nil)
  ///     run.output.isEmpty   // true
  public init(
    output: String, events: [TraceEvent], seed: UInt64?, schedule: Schedule?,
    failure: RunFailure?
  ) {
    self.output = output
    self.events = events
    self.seed = seed
    self.schedule = schedule
    self.failure = failure
  }

  /// Runs `body` on the main thread of a new virtual runtime, under `seed` (nil for the
  /// canonical first-come, first-served schedule) or replaying `schedule`, the console
  /// stamping its lines in the `stamps` style (`[09:00:00]` by default).
  ///
  ///     let first = RecordedRun.record(seed: 7, body)
  ///     let again = RecordedRun.record(schedule: first.schedule, body)
  ///     first.output == again.output   // true
  ///     RecordedRun.record(stamps: .milliseconds) { Runtime.current.console.display("hi") }
  ///     // [09:00:00.000] hi
  public static func record(
    seed: UInt64? = nil, schedule: Schedule? = nil, cpuCount: Int = 4,
    stamps: StampStyle = .seconds, _ body: @escaping @Sendable () throws -> Void
  ) -> RecordedRun {
    let output = OutputCollector()
    let runtime = Runtime.virtual(
      seed: seed, schedule: schedule, cpuCount: cpuCount, stamps: stamps,
      output: output.append)
    var failure: RunFailure?
    do {
      try runtime.run(body)
    } catch {
      failure = RunFailure(error)
    }
    return RecordedRun(
      output: output.text, events: runtime.trace.events, seed: schedule == nil ? seed : nil,
      schedule: runtime.schedule, failure: failure)
  }

  /// Runs async `body` on the runtime's task executor, on the virtual clock, as
  /// ``record(seed:schedule:cpuCount:stamps:_:)-(_,_,_,_,()->Void)`` runs a closure on its
  /// main thread.
  ///
  ///     let run = RecordedRun.record(seed: nil) { () async throws in
  ///       try await Task.sleep(for: .seconds(1), clock: Runtime.current.clock)
  ///       Runtime.current.console.display("a second later")
  ///     }
  ///     // [09:00:01] a second later
  public static func record(
    seed: UInt64? = nil, schedule: Schedule? = nil, cpuCount: Int = 4,
    stamps: StampStyle = .seconds, _ body: @escaping @Sendable () async throws -> Void
  ) -> RecordedRun {
    record(seed: seed, schedule: schedule, cpuCount: cpuCount, stamps: stamps) {
      try Runtime.current.runAsync(body)
    }
  }

  /// The run of `body` under `choice`: what the exploration engine asks for.
  static func record(
    _ choice: ScheduleChoice, cpuCount: Int = 4, stamps: StampStyle = .seconds,
    _ body: @escaping @Sendable () throws -> Void
  ) -> RecordedRun {
    record(
      seed: choice.seed, schedule: choice.replayedSchedule, cpuCount: cpuCount, stamps: stamps,
      body)
  }
}

/// Console output gathered from any thread.
final class OutputCollector: @unchecked Sendable {
  private let lock = NSLock()
  private var parts: [String] = []

  var append: @Sendable (ConsoleOutput) -> Void {
    { piece in self.lock.withLock { self.parts.append(piece.text) } }
  }

  var text: String { lock.withLock { parts.joined() } }
}
