import Foundation
import Synchronization

/// Watches a long run from a thread of its own: samples the resident set at intervals, and
/// says when the work stops moving (a deadlock, or a future that never ends).
///
/// The run reports its progress with ``advance(by:)``; ``stop()`` returns the memory figures.
///
///     let monitor = StressMonitor(total: 1_000_000, interval: .milliseconds(50),
///       stallLimit: .seconds(30)) { done in print("stuck at \(done)"); exit(1) }
///     for batch in batches { run(batch); monitor.advance(by: batch.count) }
///     print(monitor.stop())
///     // rss first=20.0MB after_warm_up=30.0MB peak=34.0MB last=31.0MB samples=120
public final class StressMonitor: Sendable {
  private let total: Int
  private let interval: Duration
  private let stallLimit: Duration?
  private let onStall: @Sendable (_ done: Int) -> Void
  private let progress = Atomic<Int>(0)
  private let state = NSCondition()
  // Guarded by `state`.
  nonisolated(unsafe) private var stopping = false
  nonisolated(unsafe) private var finished = false
  nonisolated(unsafe) private var figures: ResidentMemory

  /// Starts watching a run of `total` units of work: a sample now, then one every `interval`.
  /// If `stallLimit` passes with no progress, `onStall` is called once with the units done.
  public init(
    total: Int, interval: Duration = .milliseconds(50), stallLimit: Duration? = nil,
    onStall: @escaping @Sendable (_ done: Int) -> Void = { _ in }
  ) {
    self.total = total
    self.interval = interval
    self.stallLimit = stallLimit
    self.onStall = onStall
    let now = ResidentMemory.current() ?? 0
    figures = ResidentMemory(first: now, afterWarmUp: now, peak: now, last: now, samples: 1)
    let thread = Thread { [self] in watch() }
    thread.name = "StressMonitor"
    thread.stackSize = 256 * 1024
    thread.start()
  }

  /// Notes that `units` more of the work are done.
  public func advance(by units: Int) {
    progress.add(units, ordering: .relaxed)
  }

  /// The units done so far.
  public var done: Int { progress.load(ordering: .relaxed) }

  /// Stops watching, takes a last sample and returns the figures.
  public func stop() -> ResidentMemory {
    state.lock()
    defer { state.unlock() }
    stopping = true
    state.broadcast()
    while !finished { state.wait() }
    return figures
  }

  private func watch() {
    var lastProgress = -1
    var lastMove = ContinuousClock.now
    var warmedUp = false
    var reportedStall = false
    state.lock()
    defer {
      finished = true
      state.broadcast()
      state.unlock()
    }
    while true {
      let deadline = Date().addingTimeInterval(interval.seconds)
      while !stopping && Date() < deadline { _ = state.wait(until: deadline) }
      let sample = ResidentMemory.current() ?? 0
      figures.samples += 1
      figures.peak = max(figures.peak, sample)
      figures.last = sample
      if stopping { return }
      let done = self.done
      if !warmedUp && done * 10 >= total {
        warmedUp = true
        figures.afterWarmUp = sample
      }
      if done != lastProgress {
        lastProgress = done
        lastMove = .now
      } else if let stallLimit, !reportedStall, ContinuousClock.now - lastMove > stallLimit {
        reportedStall = true
        state.unlock()
        onStall(done)
        state.lock()
      }
    }
  }
}

extension Duration {
  /// The duration in seconds, as a `Double`.
  var seconds: Double {
    Double(components.seconds) + Double(components.attoseconds) / 1e18
  }
}
