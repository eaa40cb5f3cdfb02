import Foundation

/// The OS threads that simulated threads run on, kept for the next one when theirs ends:
/// starting an OS thread costs more than a whole small virtual run, and a test explores
/// hundreds of runs, each with a main thread and an event loop.
///
/// A simulated thread whose run ended with it blocked ends its OS thread instead
/// (``Scheduler/exitAbandonedThread()``), so the pool never holds a thread that cannot come
/// back. At most ``idleLimit`` threads wait idle; one more ends.
///
///     OSThreadPool.shared.run { print("on a pooled thread") }
final class OSThreadPool: @unchecked Sendable {
  /// The pool every scheduler uses.
  static let shared = OSThreadPool()

  /// How many idle threads are kept.
  static let idleLimit = 8

  private let lock = NSLock()
  // Guarded by `lock`.
  private var idle: [Worker] = []

  /// Runs `work` on an idle thread, or on a new one (with a 1 MB stack, as simulated threads
  /// need little).
  func run(_ work: @escaping @Sendable () -> Void) {
    let worker = lock.withLock { idle.popLast() }
    if let worker {
      worker.give(work)
      return
    }
    let fresh = Worker(pool: self)
    fresh.give(work)
    let thread = Thread { fresh.loop() }
    thread.stackSize = 1 << 20
    thread.start()
  }

  /// Takes `worker` back; false when enough threads wait already, and it should end.
  fileprivate func park(_ worker: Worker) -> Bool {
    lock.withLock {
      guard idle.count < Self.idleLimit else { return false }
      idle.append(worker)
      return true
    }
  }

  /// One pooled OS thread: it waits for work, runs it, and offers itself back.
  fileprivate final class Worker: @unchecked Sendable {
    // `work` is written before `wake` is signalled and read after it is waited on.
    private var work: (@Sendable () -> Void)?
    private let wake = DispatchSemaphore(value: 0)
    private unowned let pool: OSThreadPool

    init(pool: OSThreadPool) { self.pool = pool }

    func give(_ work: @escaping @Sendable () -> Void) {
      self.work = work
      wake.signal()
    }

    func loop() {
      repeat {
        wake.wait()
        let next = work
        work = nil
        next?()
      } while pool.park(self)
    }
  }
}
