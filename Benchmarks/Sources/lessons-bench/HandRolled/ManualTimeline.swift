import Synchronization

/// The sleepers of one ``ManualClock`` and its time, owned by one ``ManualExecutor``.
///
/// Only the executor's thread touches it while a run goes on; the mutex makes that safe to
/// say (`Mutex` is `Sendable`, so the class is too without `@unchecked`).
final class ManualTimeline: Sendable {
  private struct State {
    var now: Duration = .zero
    var sleepers: [(deadline: Duration, continuation: UnsafeContinuation<Void, Never>)] = []
  }

  private let state = Mutex(State())

  var now: Duration { state.withLock { $0.now } }
  var isEmpty: Bool { state.withLock { $0.sleepers.isEmpty } }

  func add(_ deadline: Duration, _ continuation: UnsafeContinuation<Void, Never>) {
    state.withLock { $0.sleepers.append((deadline, continuation)) }
  }

  /// Moves to the earliest deadline and takes every sleeper due then, in the order they
  /// slept; nil when nobody sleeps.
  func advance() -> [UnsafeContinuation<Void, Never>]? {
    state.withLock { state in
      guard let earliest = state.sleepers.lazy.map(\.deadline).min() else { return nil }
      state.now = earliest
      var due: [UnsafeContinuation<Void, Never>] = []
      state.sleepers.removeAll { sleeper in
        guard sleeper.deadline == earliest else { return false }
        due.append(sleeper.continuation)
        return true
      }
      return due
    }
  }
}
