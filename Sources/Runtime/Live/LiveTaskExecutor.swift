import Dispatch

/// A single-threaded task executor on a serial Dispatch queue: every job of an async run, its
/// child tasks included, runs one at a time, as on an asyncio event loop.
final class LiveTaskExecutor: TaskExecutor, @unchecked Sendable {
  private let queue = DispatchQueue(label: "lessons.event-loop")
  private let context: ThreadContext

  init(runtime: Runtime) {
    context = ThreadContext(runtime: runtime, name: "EventLoop")
  }

  func enqueue(_ job: consuming ExecutorJob) {
    let job = UnownedJob(job)
    queue.async { [self] in
      let previous = ThreadContext.install(context)
      job.runSynchronously(on: asUnownedTaskExecutor())
      ThreadContext.install(previous)
    }
  }
}
