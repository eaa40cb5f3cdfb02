import Foundation

/// An OS thread started by the live runtime; `join` waits on a condition the thread signals as
/// it ends.
final class LiveThread: RuntimeThread, @unchecked Sendable {
  let name: String
  private let finished = NSCondition()
  private var isFinished = false
  private let trace: Trace
  private let clock: LiveClock

  init(runtime: Runtime, name: String, clock: LiveClock, body: @escaping @Sendable () -> Void) {
    self.name = name
    self.trace = runtime.trace
    self.clock = clock
    let thread = Thread { [self] in
      ThreadContext.install(ThreadContext(runtime: runtime, name: name))
      body()
      ThreadContext.install(nil)
      finished.lock()
      isFinished = true
      finished.broadcast()
      finished.unlock()
    }
    thread.name = name
    thread.stackSize = 1 << 20
    thread.start()
  }

  func join() {
    Scheduler.refuseLiveObject("join() on thread \(name)")
    finished.lock()
    defer { finished.unlock() }
    guard !isFinished else { return }
    let traced = trace.recordsBlocking
    if traced { trace.record(.blocked(.join(name)), at: clock.elapsed) }
    while !isFinished { finished.wait() }
    if traced { trace.record(.unblocked, at: clock.elapsed) }
  }
}
