import Dispatch
import Foundation

/// Runs one piece of code under many schedules, counts the distinct interleavings it meets
/// and checks named invariants on every run that finished: the one exploring loop behind
/// `lessons explore`, Notebook's `Explorer` and TranscriptTesting's `assertInvariants`.
///
/// The engine knows nothing of what a run is: `record` makes one for a ``ScheduleChoice``
/// (each in a virtual runtime of its own), and the engine reads it through ``ExplorableRun``.
/// Runs are independent simulations, so they are spread over several OS threads; the
/// findings are the same, in the order of the seeds, whatever the parallelism.
///
///     struct Printed: ExplorableRun {
///       var schedule: Schedule?
///       var transcript: String
///       var failureDescription: String?
///     }
///     let engine = ExplorationEngine<Printed>(checks: [printsDone]) { choice in
///       let lines = Lines()   // gathers ConsoleOutput under a lock
///       let runtime = Runtime.virtual(
///         seed: choice.seed, schedule: choice.replayedSchedule, output: lines.append)
///       do {
///         try runtime.run(body)
///         return Printed(schedule: runtime.schedule, transcript: lines.text)
///       } catch {
///         return Printed(schedule: runtime.schedule, transcript: lines.text,
///                        failureDescription: "\(error)")
///       }
///     }
///     let findings = engine.explore(seeds: 0..<100)
///     findings.runs                  // 100
///     findings.violations.isEmpty    // true
public struct ExplorationEngine<Run: ExplorableRun>: Sendable {
  /// The invariants checked on every run that finished, in order.
  ///
  ///     engine.checks.map(\.name)   // ["prints done"]
  public let checks: [ExplorationCheck<Run>]
  private let record: @Sendable (ScheduleChoice) -> Run

  /// An engine that checks `checks` on the runs `record` makes.
  ///
  /// `record` is called from several threads at once, once per run.
  ///
  ///     ExplorationEngine(checks: []) { choice in record(choice) }.checks.isEmpty   // true
  public init(
    checks: [ExplorationCheck<Run>], record: @escaping @Sendable (ScheduleChoice) -> Run
  ) {
    self.checks = checks
    self.record = record
  }

  /// Runs once per seed, over `parallelism` OS threads (the machine's cores by default), and
  /// reports the runs in the order of the seeds.
  ///
  ///     engine.explore(seeds: 0..<1000).distinctSchedules   // 1000
  public func explore(
    seeds: some Sequence<UInt64>,
    parallelism: Int = ProcessInfo.processInfo.activeProcessorCount
  ) -> ExplorationFindings<Run> {
    explore(choices: seeds.map { ScheduleChoice.seed($0) }, parallelism: parallelism)
  }

  /// Runs once per choice, over `parallelism` OS threads, and reports the runs in the order
  /// of the choices.
  ///
  ///     engine.explore(choices: [.canonical, .seed(1)]).runs   // 2
  public func explore(
    choices: [ScheduleChoice],
    parallelism: Int = ProcessInfo.processInfo.activeProcessorCount
  ) -> ExplorationFindings<Run> {
    let slots = ExplorationSlots<ExploredRun<Run>>(count: choices.count)
    let workers = max(1, min(parallelism, choices.count))
    // Threads of the engine's own rather than Dispatch's pool: each worker waits on virtual
    // runs, and on Linux that pool also runs Swift's tasks and every Dispatch block, which a
    // run under test may need (a block that resumes a task is reported as the escape it is
    // only if it gets a thread in time).
    let done = DispatchSemaphore(value: 0)
    for worker in 0..<workers {
      let thread = Thread {
        for index in stride(from: worker, to: choices.count, by: workers) {
          slots.set(index, run(choices[index]))
        }
        done.signal()
      }
      thread.stackSize = 1 << 20
      thread.start()
    }
    for _ in 0..<workers { done.wait() }
    var findings = ExplorationFindings<Run>(invariants: checks.map(\.name))
    for run in slots.all { findings.add(run) }
    return findings
  }

  /// Replays `schedule` exactly, once, as a one-run exploration.
  ///
  /// A schedule that stops fitting the run makes a run that did not finish.
  ///
  ///     engine.replay(violation.schedule!).violations.first?.reason   // the same reason
  public func replay(_ schedule: Schedule) -> ExplorationFindings<Run> {
    explore(choices: [.replay(schedule)], parallelism: 1)
  }

  /// One run under `choice`, and the invariants it broke (none checked when it did not
  /// finish).
  ///
  ///     engine.run(.canonical).broken.isEmpty   // true
  public func run(_ choice: ScheduleChoice) -> ExploredRun<Run> {
    check(record(choice), under: choice)
  }

  /// Checks `run`, made under `choice`, against every invariant, unless it did not finish.
  ///
  ///     engine.check(run, under: .seed(3)).finished   // true
  public func check(_ run: Run, under choice: ScheduleChoice) -> ExploredRun<Run> {
    guard run.failureDescription == nil else {
      return ExploredRun(choice: choice, run: run, broken: [])
    }
    let broken = checks.compactMap { check in
      check.violation(in: run).map { ExploredRun<Run>.Broken(invariant: check.name, reason: $0) }
    }
    return ExploredRun(choice: choice, run: run, broken: broken)
  }
}
