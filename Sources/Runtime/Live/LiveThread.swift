import Foundation

/// An OS thread started by the live runtime; `join` waits on a condition the thread signals as
/// it ends.
final class LiveThread: RuntimeThread, @unchecked Sendable {
  let name: String
  private let finished = NSCondition()
  private var isFinished = false

  init(runtime: Runtime, name: String, body: @escaping @Sendable () -> Void) {
    self.name = name
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
    finished.lock()
    while !isFinished { finished.wait() }
    finished.unlock()
  }
}
