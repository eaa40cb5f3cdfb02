import ConcurrencyRuntime

#if canImport(Glibc)
  import Glibc
#endif

/// CPython's global interpreter lock, simulated on the runtime seam: one lock that a thread
/// must hold to run a slice of CPU-bound work, handed to the next waiting thread at a switch
/// interval, and given up around blocking calls.
///
/// Swift threads have no GIL; this is how the lessons show what one does. CPython (3.2 on)
/// lets the thread holding the lock run until another thread has waited for it a switch
/// interval (5 ms by default, `sys.getswitchinterval()`), then hands it over; a thread that
/// calls something that blocks (a sleep, a read from a socket) lets go of it meanwhile. Here
/// the holder hands it over once it has held it a switch interval while another thread
/// waits, which comes to the same turns when threads compute; waiting threads queue for it
/// first come, first served, so a thread that gives it up goes to the back of the queue
/// rather than taking it straight back, and every waiting thread gets its turn.
///
/// Built from the runtime's condition, clock and ``Runtime/compute(for:)``, it runs live on
/// real cores and in virtual time deterministically. Every stretch a thread holds it is
/// recorded in the trace as a task span of the executor ``executor`` on that thread's lane,
/// so tests and timelines can read who held it when.
///
///     let gil = SimulatedGIL()
///     let threads = (0..<4).map { n in
///       runtime.spawn(name: "T\(n)") { gil.compute(for: .seconds(1)) }
///     }
///     for thread in threads { thread.join() }
///     print(runtime.now)   // 4.0 seconds: one core's work at a time
final class SimulatedGIL: Sendable {
  /// The executor name of the spans that record who held the GIL.
  static let executor = "GIL"

  /// The label of those spans.
  static let label = "GIL"

  /// How long a thread keeps the lock while others wait for it.
  let switchInterval: Duration

  private let runtime: Runtime
  private let condition: any RuntimeCondition
  private let state = State()

  /// Who holds the lock and who waits: guarded by `condition`.
  private final class State: @unchecked Sendable {
    /// The holding OS thread (a simulated thread is one too).
    var holder: pthread_t?
    /// The next ticket to hand out; a thread waits until its ticket is served.
    var nextTicket = 0
    /// The ticket that may hold the lock now.
    var serving = 0
    /// When the holder took it.
    var heldSince = Duration.zero
    /// The holder's span in the trace.
    var span: Int?
    /// How many times a holder gave the lock up at a switch point.
    var switches = 0

    /// Threads queued behind the holder.
    var waiting: Int { nextTicket - serving - (holder == nil ? 0 : 1) }
  }

  /// A GIL of `runtime` (by default the calling thread's) that makes waiting threads wait at
  /// most about `switchInterval` for their turn (at least a microsecond).
  init(switchInterval: Duration = .milliseconds(5), runtime: Runtime = .current) {
    self.switchInterval = max(switchInterval, .microseconds(1))
    self.runtime = runtime
    condition = runtime.makeCondition(label: "the GIL")
  }

  /// How many times a thread has handed the lock over at a switch point because another
  /// waited for it (CPython's forced switches); giving it up around a blocking call does not
  /// count.
  var switches: Int { condition.withLock { state.switches } }

  /// Whether the calling thread holds the lock.
  var isHeld: Bool {
    let me = pthread_self()
    return condition.withLock { state.holder.map { pthread_equal($0, me) != 0 } ?? false }
  }

  /// Runs CPU-bound work of total `cost` (``Runtime/compute(for:)``), one switch interval at
  /// a time, holding the lock for each slice and handing it over between slices whenever
  /// another thread waits for it.
  func compute(for cost: Duration) {
    run { switchPoint in
      var left = cost
      while left > .zero {
        let slice = min(left, switchInterval)
        runtime.compute(for: slice)
        left -= slice
        // Between slices only: a thread that is done has no reason to queue again.
        if left > .zero { switchPoint() }
      }
    }
  }

  /// Runs `body` holding the lock; `body` calls the closure it is given (its switch point)
  /// between steps of its work (not after the last, or it may queue again for nothing), where the lock goes to a waiting thread once the caller has
  /// held it for the switch interval, and comes back in turn.
  ///
  /// A thread that already holds the lock just runs `body`.
  ///
  ///     let digest = gil.run { switchPoint in
  ///       var hasher = SHA256()
  ///       for chunk in chunks {
  ///         hasher.update(chunk)
  ///         switchPoint()
  ///       }
  ///       return hasher.finalize()
  ///     }
  func run<T>(_ body: (_ switchPoint: () -> Void) throws -> T) rethrows -> T {
    let acquired = !isHeld
    if acquired { acquire() }
    defer { if acquired { release() } }
    return try body(switchIfDue)
  }

  /// Runs `call`, something that blocks (a sleep, a download), without the lock when the
  /// calling thread holds it, and takes it back (in turn) afterwards: other threads compute
  /// meanwhile, as they do in CPython while a thread waits for I/O.
  ///
  /// A wait outside `blocking` keeps the lock: the other threads wait with it, and if the
  /// thread waits for one of them (a join, a future's result), no one can go on: a deadlock,
  /// which a virtual run reports.
  func blocking<T>(_ call: () throws -> T) rethrows -> T {
    guard isHeld else { return try call() }
    release()
    defer { acquire() }
    return try call()
  }

  /// Hands the lock to the next waiting thread and queues for it again, if the caller has
  /// held it for the switch interval and someone waits.
  private func switchIfDue() {
    let due = condition.withLock {
      guard state.waiting > 0, runtime.now - state.heldSince >= switchInterval else {
        return false
      }
      state.switches += 1
      return true
    }
    guard due else { return }
    release()
    acquire()
  }

  /// Takes a ticket and waits until it is served.
  private func acquire() {
    let me = pthread_self()
    condition.withLock {
      let ticket = state.nextTicket
      state.nextTicket += 1
      while state.serving != ticket || state.holder != nil { condition.wait() }
      state.holder = me
      state.heldSince = runtime.now
      state.span = runtime.trace.startSpan(
        label: Self.label, executor: Self.executor, in: runtime)
    }
  }

  /// Lets go of the lock and serves the next ticket.
  private func release() {
    condition.withLock {
      if let span = state.span { runtime.trace.endSpan(span, in: runtime) }
      state.span = nil
      state.holder = nil
      state.serving += 1
      condition.notifyAll()
    }
  }
}
