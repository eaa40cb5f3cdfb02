import Foundation

extension EventLoop {
  /// How a wait on an event loop ended.
  ///
  /// ``EventLoop/wait(for:_:until:)`` and ``EventLoop/park(until:_:)`` return it rather than
  /// throwing, so a caller can tell its own time-out from its task's cancellation and say which.
  ///
  ///     let outcome = await EventLoop.wait(for: fd, .readable, until: .now + .seconds(1))
  ///     print(outcome)
  ///     // ready
  public enum WaitOutcome: Sendable, Equatable, CustomStringConvertible {
    /// The socket is ready, or a ``Wakeup`` was woken.
    case ready
    /// The deadline passed first.
    case timedOut
    /// The waiting task was cancelled first.
    case cancelled

    /// `ready`, `timed out` or `cancelled`.
    public var description: String {
      switch self {
      case .ready: "ready"
      case .timedOut: "timed out"
      case .cancelled: "cancelled"
      }
    }
  }

  /// What to wait for on a socket.
  ///
  /// An error or a hang-up on the socket also ends the wait as ``WaitOutcome/ready``: the next
  /// `recv` or `send` reports it.
  ///
  ///     await EventLoop.wait(for: fd, .writable, until: nil)   // a connect has finished
  ///     // ready
  public enum Interest: Sendable, Equatable {
    /// Bytes to read, or the peer closed its side.
    case readable
    /// Room to write, or a non-blocking `connect` finished.
    case writable
  }

  /// The one-shot handle of a task parked on an event loop: whoever holds it may wake the task,
  /// from any thread, once.
  ///
  /// The first of ``wake()``, the deadline and the task's cancellation decides the outcome;
  /// the others find the wakeup used and do nothing. That lets a queue of parked tasks (such
  /// as a connection pool's) hand something to the first task still waiting: ``wake()``
  /// returns false for one that has already given up, and the pool tries the next.
  ///
  ///     let outcome = await EventLoop.park(until: .now + .seconds(1)) { wakeup in
  ///       waiting.append(wakeup)   // later, on any thread: waiting.removeFirst().wake()
  ///     }
  ///     print(outcome)
  ///     // ready (or timed out, if nobody woke it within a second)
  public final class Wakeup: @unchecked Sendable {
    // `outcome` and `continuation` are guarded by `lock`, hence @unchecked Sendable.
    private let lock = NSLock()
    private var outcome: WaitOutcome?
    private var continuation: UnsafeContinuation<WaitOutcome, Never>?

    init() {}

    /// Wakes the parked task with ``WaitOutcome/ready``; false if it was already woken, timed
    /// out or cancelled.
    @discardableResult
    public func wake() -> Bool { finish(.ready) }

    /// Whether the wait has ended, whichever way.
    public var isUsed: Bool { lock.withLock { outcome != nil } }

    /// Ends the wait with `outcome` unless it has ended already.
    func finish(_ outcome: WaitOutcome) -> Bool {
      lock.lock()
      guard self.outcome == nil else {
        lock.unlock()
        return false
      }
      self.outcome = outcome
      let waiting = continuation
      continuation = nil
      lock.unlock()
      waiting?.resume(returning: outcome)
      return true
    }

    /// Suspends on `continuation`, or resumes it at once if the wait has already ended.
    func suspend(_ continuation: UnsafeContinuation<WaitOutcome, Never>) {
      lock.lock()
      if let outcome {
        lock.unlock()
        continuation.resume(returning: outcome)
        return
      }
      self.continuation = continuation
      lock.unlock()
    }
  }
}
