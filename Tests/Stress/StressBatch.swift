import ConcurrencyRuntime
import Futures
import Synchronization

/// What happened to one future of a stress run from the outside: how many times its
/// done-callbacks ran, and (for work in this process) how many times its work ran.
final class FutureProbe: Sendable {
  let callbacks = Atomic<Int>(0)
  let runs = Atomic<Int>(0)
}

/// How a batch's futures are taken once submitted.
enum Consumption: CaseIterable {
  /// `result(timeout:)` on each, in a random order, some cancelled first.
  case results
  /// `asCompleted(_:timeout:)` over them all (some twice), cancelling some on the way, then
  /// `asCompleted(_:)` over those it had not yielded when its time-out passed.
  case asCompleted
  /// `wait(_:timeout:returnWhen:)` over them all (some twice).
  case wait
}

/// A batch of futures of a stress run: submitted, cancelled and waited for at random, then
/// checked one by one against what was done to them.
///
/// The futures of one batch are alive together; the next batch starts once this one is
/// checked and let go, so that a run's memory does not grow with its length.
final class StressBatch<T: Sendable> {
  /// One future, and what was done to it.
  struct Entry {
    let index: Int
    let future: Future<T>
    let probe: FutureProbe
    /// A `cancel()` returned true: the future must end cancelled, its work never run.
    var cancelAccepted = false
    /// A `cancel()` returned false: the work had started, so it must end finished.
    var cancelRefused = false
  }

  private(set) var entries: [Entry] = []
  /// The executor was shut down with `cancelFutures` once these were submitted: a future may
  /// end cancelled without a `cancel()` of ours.
  var shutdownCancels = false
  private let runtime: Runtime
  private let callbacks: CallbackCount
  /// Whether the future of work `index` ended as it should have: nil if so, else what is
  /// wrong. Called only for futures that were not cancelled.
  private let expect: (_ index: Int, _ outcome: Result<T, any Error>) -> String?

  init(
    runtime: Runtime, capacity: Int,
    expect: @escaping (_ index: Int, _ outcome: Result<T, any Error>) -> String?
  ) {
    self.runtime = runtime
    self.expect = expect
    callbacks = CallbackCount(runtime: runtime)
    entries.reserveCapacity(capacity)
  }

  /// Takes in the future of work `index`, with a done-callback that counts its calls.
  func add(_ future: Future<T>, index: Int, probe: FutureProbe) {
    let callbacks = self.callbacks
    future.addDoneCallback { _ in
      probe.callbacks.add(1, ordering: .relaxed)
      callbacks.increment()
    }
    entries.append(Entry(index: index, future: future, probe: probe))
  }

  /// Cancels the future at `position` and notes what `cancel()` said.
  func cancel(at position: Int, _ report: inout StressReport) {
    if entries[position].future.cancel() {
      entries[position].cancelAccepted = true
    } else {
      entries[position].cancelRefused = true
      report.cancelRefusals += 1
    }
  }

  // MARK: Consuming

  /// Takes the futures as `how` says, noting what it sees in `report`.
  func consume(_ how: Consumption, _ random: inout StressRandom, _ report: inout StressReport) {
    switch how {
    case .results: takeResults(&random, &report)
    case .asCompleted: iterateAsCompleted(&random, &report)
    case .wait: waitForSome(&random, &report)
    }
  }

  private func takeResults(_ random: inout StressRandom, _ report: inout StressReport) {
    for position in random.shuffled(Array(entries.indices)) {
      if random.chance(5) { cancel(at: position, &report) }
      let entry = entries[position]
      do {
        let value = try entry.future.result(timeout: random.timeout())
        if entry.cancelAccepted {
          report.violation("future \(entry.index): cancel() said true, yet result() returned")
        }
        if let problem = expect(entry.index, .success(value)) {
          report.violation("future \(entry.index): \(problem)")
        }
      } catch FutureError.timeout {
        report.resultTimeouts += 1
      } catch FutureError.cancelled {
        if !entry.cancelAccepted && !shutdownCancels {
          report.violation("future \(entry.index): result() said cancelled; nothing cancelled it")
        }
      } catch {
        if let problem = expect(entry.index, .failure(error)) {
          report.violation("future \(entry.index): \(problem)")
        }
      }
    }
  }

  private func iterateAsCompleted(_ random: inout StressRandom, _ report: inout StressReport) {
    let futures = entries.map(\.future)
    let repeated = random.number(in: 0...min(10, futures.count))
    let timeout = random.pick(
      [Duration.zero, .microseconds(100), .milliseconds(1), .milliseconds(20)])
    var completions = asCompleted(futures + futures.prefix(repeated), timeout: timeout)
    var yielded = Set<ObjectIdentifier>()
    func take(_ future: Future<T>, _ report: inout StressReport) {
      if !yielded.insert(ObjectIdentifier(future)).inserted {
        report.violation("asCompleted yielded \(future) twice")
      }
      if !future.isDone { report.violation("asCompleted yielded \(future) before it was done") }
    }
    do {
      while let future = try completions.next() {
        take(future, &report)
        if random.chance(2) { cancel(at: random.number(in: 0...(entries.count - 1)), &report) }
      }
    } catch FutureError.timeout(let message) {
      report.asCompletedTimeouts += 1
      let expected = "\(futures.count - yielded.count) (of \(futures.count)) futures unfinished"
      if message != expected {
        report.violation("asCompleted timed out with '\(message ?? "")', not '\(expected)'")
      }
    } catch {
      report.violation("asCompleted threw \(error)")
    }
    let rest = futures.filter { !yielded.contains(ObjectIdentifier($0)) }
    for future in asCompleted(rest) { take(future, &report) }
    if yielded.count != futures.count {
      report.violation("asCompleted yielded \(yielded.count) of \(futures.count) futures")
    }
  }

  private func waitForSome(_ random: inout StressRandom, _ report: inout StressReport) {
    let futures = entries.map(\.future)
    let repeated = random.number(in: 0...min(10, futures.count))
    let timeout = random.timeout()
    let condition = random.pick([ReturnCondition.firstCompleted, .firstException, .allCompleted])
    let (done, notDone) = wait(
      futures + futures.prefix(repeated), timeout: timeout, returnWhen: condition
    ).pair
    let doneSet = Set(done.map(ObjectIdentifier.init))
    let notDoneSet = Set(notDone.map(ObjectIdentifier.init))
    if done.count + notDone.count != futures.count || doneSet.count != done.count
      || notDoneSet.count != notDone.count || !doneSet.isDisjoint(with: notDoneSet)
    {
      report.violation(
        "wait split \(futures.count) futures into \(done.count) done and \(notDone.count) not")
    }
    if let early = done.first(where: { !$0.isDone }) {
      report.violation("wait counted \(early) as done")
    }
    if !notDone.isEmpty { report.waitsReturnedEarly += 1 }
    guard timeout == nil else { return }
    switch condition {
    case .allCompleted where !notDone.isEmpty:
      report.violation("wait(.allCompleted) returned with \(notDone.count) futures not done")
    case .firstCompleted where done.isEmpty:
      report.violation("wait(.firstCompleted) returned with none done")
    case .firstException
    where !notDone.isEmpty && !done.contains(where: { (try? $0.exception(timeout: .zero)) != nil }):
      report.violation("wait(.firstException) returned early without an exception")
    default:
      break
    }
  }

  // MARK: Checking

  /// Waits for every future to end and every done-callback to run, then checks that each
  /// ended once, as what was done to it says, and counts how it ended. `ran` checks the work
  /// itself (nil if right): given whether the future was cancelled.
  func settle(
    _ report: inout StressReport, callbackLimit: Duration,
    ran: (_ entry: Entry, _ cancelled: Bool) -> String? = { _, _ in nil }
  ) {
    var outcomes: [Result<T, any Error>] = []
    outcomes.reserveCapacity(entries.count)
    for entry in entries { outcomes.append(Result { try entry.future.result() }) }
    let called = callbacks.wait(for: entries.count, limit: callbackLimit)
    if called != entries.count {
      report.violation(
        "\(called) of \(entries.count) done-callbacks ran within \(callbackLimit)")
    }
    report.futures += entries.count
    for (entry, outcome) in zip(entries, outcomes) {
      check(entry, outcome, &report)
      let cancelled = entry.future.state == .cancelled
      if let problem = ran(entry, cancelled) {
        report.violation("future \(entry.index): \(problem)")
      }
    }
  }

  private func check(_ entry: Entry, _ outcome: Result<T, any Error>, _ report: inout StressReport)
  {
    let callbacks = entry.probe.callbacks.load(ordering: .relaxed)
    if callbacks != 1 {
      report.violation("future \(entry.index): its done-callback ran \(callbacks) times")
    }
    let state = entry.future.state
    if case .failure(FutureError.cancelled) = outcome {
      if state != .cancelled {
        report.violation("future \(entry.index): result() said cancelled, the state is \(state)")
      }
      if entry.cancelRefused {
        report.violation("future \(entry.index): cancel() said false, yet it ended cancelled")
      }
      if entry.cancelAccepted {
        report.cancelled += 1
      } else if shutdownCancels {
        report.cancelledByShutdown += 1
      } else {
        report.violation("future \(entry.index): cancelled, though nothing cancelled it")
      }
      return
    }
    if state != .finished {
      report.violation("future \(entry.index): result() came back, the state is \(state)")
    }
    if entry.cancelAccepted {
      report.violation("future \(entry.index): cancel() said true, yet it ran")
    }
    if let problem = expect(entry.index, outcome) {
      report.violation("future \(entry.index): \(problem)")
    }
    if case .success = outcome { report.finished += 1 } else { report.failed += 1 }
  }
}

/// Counts the done-callbacks of a batch on the runtime's condition, so that the checker can
/// wait for them live and in virtual time alike.
final class CallbackCount: @unchecked Sendable {
  private let condition: any RuntimeCondition
  private let runtime: Runtime
  // Guarded by `condition`.
  private var count = 0

  init(runtime: Runtime) {
    self.runtime = runtime
    condition = runtime.makeCondition(label: "stress callbacks")
  }

  func increment() {
    condition.withLock {
      count += 1
      condition.notifyAll()
    }
  }

  /// Waits until `expected` callbacks ran or `limit` passed; how many ran.
  func wait(for expected: Int, limit: Duration) -> Int {
    let deadline = runtime.now + limit
    return condition.withLock {
      while count < expected {
        let left = deadline - runtime.now
        if left <= .zero { break }
        condition.wait(timeout: left)
      }
      return count
    }
  }
}
