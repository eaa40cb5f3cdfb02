import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Who may use a run's primitives, and what happens to everyone else: the run's own running
/// thread is admitted; a thread outside the run, or one of another run, is refused, and the
/// run records a ``RuntimeEscape`` that ends it as failed, rather than a crash of the
/// process or a silent hang.
extension Scheduler {
  /// The running thread, when the caller is it. Otherwise the escape is recorded and nil
  /// returned: the caller does nothing (for an unlock, a notify, a console line).
  func admit(_ operation: String) -> SimulatedThread? {
    lock()
    defer { unlock() }
    if ended, callerIsInside {
      // The host gave up on this run as stalled: this thread has come back too late.
      unlock()
      exitAbandonedThread()
    }
    if let thread = ThreadContext.current?.simulated, thread === baton { return thread }
    refuse(operation)
    return nil
  }

  /// The running thread, when the caller is it. Otherwise the escape is recorded and the
  /// call never returns: a thread of another run blocks there for good (its own run then
  /// ends and frees it), and a thread outside every run is parked, as no virtual time can
  /// ever pass for it.
  func admitBlocking(_ operation: String) -> SimulatedThread {
    if let thread = admit(operation) { return thread }
    if let other = ThreadContext.current?.simulated, other.scheduler !== self {
      other.scheduler.lock()
      other.scheduler.block(.condition("an object of virtual run \(runNumber)"))
      other.scheduler.unlock()
    }
    while true { DispatchSemaphore(value: 0).wait() }
  }

  /// Records that `operation` came from outside the run. Lock held.
  private func refuse(_ operation: String) {
    guard let other = ThreadContext.current?.simulated else {
      record(
        .usedFromOutside(thread: Self.describeCallingThread(), operation: operation, run: runNumber)
      )
      return
    }
    let escape = RuntimeEscape.usedByAnotherRun(
      operation: operation, owner: runNumber, caller: other.scheduler.runNumber,
      thread: other.name)
    record(escape)
    if other.scheduler !== self {
      other.scheduler.lock()
      other.scheduler.record(escape)
      other.scheduler.unlock()
    } else {
      // The run's own thread, but not the one holding the baton: a runtime defect, not the
      // program's; still a failure, not a crash.
      record(.usedFromOutside(thread: other.name, operation: operation, run: runNumber))
    }
  }

  /// Keeps the first escape of the run, which it ends with, and wakes a run that waits to
  /// see whether outside work comes back.
  func record(_ escape: RuntimeEscape) {
    lock()
    defer { unlock() }
    setEscapeIfFirst(escape)
  }

  /// Stops a simulated thread that is about to block on an object of a live runtime (one made
  /// outside the run, with `Runtime.shared` for instance), which would hold the baton while
  /// its OS thread waits, and hang the run: its run records the escape, and the thread blocks
  /// there for good (the run then ends and frees it). A no-op on any other thread.
  static func refuseLiveObject(_ operation: String) {
    guard let thread = ThreadContext.current?.simulated else { return }
    let scheduler = thread.scheduler
    scheduler.lock()
    scheduler.setEscapeIfFirst(
      .liveObjectInVirtualRun(operation: operation, thread: thread.name, run: scheduler.runNumber))
    scheduler.block(.condition("an object of a live runtime"))
    scheduler.unlock()
  }

  /// Keeps `escape` unless one came first. Lock held.
  func setEscapeIfFirst(_ escape: RuntimeEscape) {
    if self.escape == nil { setEscape(escape) }
  }

  /// The runs going on in this process, by number: where a stray line is reported.
  static let active = Protected<[Int: Scheduler]>([:])

  /// Reports `text`, written to the shared live runtime's console from a thread of no run
  /// while a virtual run is going on, as that run's escape: the usual cause is a Dispatch
  /// block or a Foundation thread started by the run calling `Runtime.current.console`.
  /// Which run started a Dispatch block cannot be known, so with several runs going on (the
  /// test runner's parallel tests) none is blamed: the line is printed, as live output is.
  static func reportStrayOutput(_ text: String) {
    reportStrayOutput(text, among: active.withLock { Array($0.values) })
  }

  /// Blames `text` on the one run of `runs`, if there is exactly one.
  static func reportStrayOutput(_ text: String, among runs: [Scheduler]) {
    guard runs.count == 1, let run = runs.first else { return }
    run.record(.strayOutput(text: text, thread: describeCallingThread(), run: run.runNumber))
  }

  /// Whether the calling OS thread is one of this run's simulated threads.
  var callerIsInside: Bool {
    ThreadContext.current?.simulated?.scheduler === self
  }

  /// Ends the calling OS thread, whose run is over: it was blocked when the run ended, and
  /// nothing will ever wake it. Its Swift frames are not unwound (what they hold leaks), but
  /// its stack and kernel thread are freed.
  func exitAbandonedThread() -> Never {
    ThreadContext.install(nil)
    pthread_exit(nil)
  }

  /// Words for the calling thread, which belongs to no run: the main thread, a Dispatch
  /// queue's or another unnamed one, or a named one.
  static func describeCallingThread() -> String {
    if Thread.isMainThread { return "the main thread (where @MainActor code runs)" }
    if let name = Thread.current.name, !name.isEmpty {
      // Dispatch names its workers after their root queue ("com.apple.root.default-qos"),
      // which Linux cuts to the last 15 bytes ("-qos.overcommit").
      if name.contains("qos") || name.hasPrefix("com.apple") {
        return "a Dispatch thread ('\(name)'; @MainActor code runs on one in tests)"
      }
      return "thread '\(name)'"
    }
    return "a thread the runtime did not start (a Dispatch queue's, or a Foundation Thread)"
  }
}
