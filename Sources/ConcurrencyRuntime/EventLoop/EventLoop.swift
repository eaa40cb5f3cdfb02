import CLinux
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// One thread that runs async jobs and, when none is ready, sleeps in `epoll_wait` until a
/// socket is ready or a deadline is due: asyncio's event loop, as a Swift `TaskExecutor`.
///
/// The live runtime's ``Runtime/runAsync(_:)`` runs every task of an async run on one loop,
/// on the calling thread, as `asyncio.run` does. A task that needs a socket suspends with
/// ``wait(for:_:until:)``: the fd is registered with the loop's epoll set and the task's
/// continuation is resumed when the kernel says the socket is ready, when the deadline passes,
/// or when the task is cancelled. Meanwhile the thread runs other tasks; with nothing to run it
/// blocks in the kernel and uses no CPU, however many sockets are waited on. Jobs enqueued from
/// other threads (a continuation resumed elsewhere) wake it through an `eventfd`; its own timer
/// heap bounds each sleep (``sleep(until:)`` and every wait's deadline).
///
///     let loop = try EventLoop()
///     let answer = try loop.run {
///       try await EventLoop.sleep(for: .milliseconds(100))   // the thread sleeps in epoll_wait
///       return 42
///     }
///     print(answer)
///     // 42
///
/// Waiting is for code on a loop's thread; from anywhere else ``wait(for:_:until:)`` and the
/// other static methods hop to the ``background`` loop and back.
public final class EventLoop: TaskExecutor, @unchecked Sendable {
  // `queue` and `sleeping` are shared with enqueuing threads under `lock`; the rest belongs to
  // the loop's thread. Hence @unchecked Sendable.

  /// The loop's name, for messages (`EventLoop`).
  public let name: String
  private let epoll: Int32
  private let wakeFD: Int32
  private let context: ThreadContext?
  private let lock = NSLock()
  private var queue: [UnownedJob] = []
  private var sleeping = false
  private var batch: [UnownedJob] = []
  private var waiters: [Int32: Wakeup] = [:]
  private var timers = EventLoopTimers()
  private var finished = false
  private var running = false
  private var closed = false

  /// A loop named `name`; nothing runs until ``run(_:)``.
  ///
  /// Throws ``EventLoopError`` when the process has no file descriptors left for the epoll set
  /// and the eventfd.
  public convenience init(name: String = "EventLoop") throws(EventLoopError) {
    try self.init(name: name, context: nil)
  }

  /// A loop whose jobs run with `context` installed (the live runtime's `EventLoop` thread).
  init(name: String, context: ThreadContext?) throws(EventLoopError) {
    self.name = name
    self.context = context
    epoll = epoll_create1(Int32(EPOLL_CLOEXEC))
    guard epoll >= 0 else { throw .system(call: "epoll_create1", errno: errno) }
    wakeFD = eventfd(0, Int32(EFD_NONBLOCK) | Int32(EFD_CLOEXEC))
    guard wakeFD >= 0 else {
      let code = errno
      close(epoll)
      throw .system(call: "eventfd", errno: code)
    }
    var event = epoll_event()
    event.events = EPOLLIN.rawValue
    event.data.fd = wakeFD
    guard epoll_ctl(epoll, EPOLL_CTL_ADD, wakeFD, &event) == 0 else {
      let code = errno
      close(epoll)
      close(wakeFD)
      throw .system(call: "epoll_ctl", errno: code)
    }
  }

  deinit { closeDescriptors() }

  /// Closes the epoll set and the eventfd, once: when a run ends, as nothing waits on the loop
  /// any more (the live runtime keeps its loops as long as itself, and would keep their
  /// descriptors too). A job enqueued later never writes to the eventfd: the loop is not
  /// sleeping.
  private func closeDescriptors() {
    guard !closed else { return }
    closed = true
    close(epoll)
    close(wakeFD)
  }

  /// Runs `body` as the loop's first task on the calling thread, and every task it starts,
  /// until `body` returns; then returns its result (or throws its error).
  ///
  /// The calling thread is the loop's thread meanwhile (``current`` is this loop). Tasks
  /// still unfinished when `body` returns are left suspended, never run again. A loop runs
  /// once; a second `run`, or a `run` on a thread that already runs a loop, throws
  /// ``EventLoopError/alreadyRunning``.
  public func run<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) throws -> T {
    guard Self.current == nil, !running else { throw EventLoopError.alreadyRunning }
    running = true
    let box = ResultBox<T>()
    Task(executorPreference: self) {
      do { box.set(.success(try await body())) } catch { box.set(.failure(error)) }
      self.finished = true
    }
    runLoop()
    lock.withLock { closeDescriptors() }
    return try box.get()
  }

  /// Runs jobs on the calling thread until `finished`.
  private func runLoop() {
    let previousLoop = Self.install(self)
    let previousContext = context.map { ThreadContext.install($0) }
    defer {
      Self.install(previousLoop)
      if context != nil { ThreadContext.install(previousContext ?? nil) }
    }
    var events = [epoll_event](repeating: epoll_event(), count: 256)
    while !finished {
      lock.lock()
      swap(&queue, &batch)
      let idle = batch.isEmpty
      if idle { sleeping = true }
      lock.unlock()
      if idle || !waiters.isEmpty {
        let timeout = idle ? timers.millisecondsUntilNext(now: .now) : 0
        let count = epoll_wait(epoll, &events, Int32(events.count), timeout)
        if idle { lock.withLock { sleeping = false } }
        for index in 0..<max(Int(count), 0) {
          let fd = events[index].data.fd
          if fd == wakeFD {
            var value: UInt64 = 0
            _ = read(wakeFD, &value, 8)
          } else {
            _ = waiters[fd]?.finish(.ready)
          }
        }
      }
      if !timers.isEmpty { timers.fireDue(now: .now) }
      for job in batch { job.runSynchronously(on: asUnownedTaskExecutor()) }
      batch.removeAll(keepingCapacity: true)
    }
  }

  /// Runs the loop on a thread of its own, forever: the ``background`` loop.
  private func runForever(threadName: String) {
    let thread = Thread { [self] in runLoop() }
    thread.name = threadName
    thread.stackSize = 1 << 20
    thread.start()
  }

  /// Queues `job` to run on the loop's thread, from any thread; wakes the thread if it sleeps
  /// in `epoll_wait`.
  public func enqueue(_ job: consuming ExecutorJob) {
    let job = UnownedJob(job)
    lock.lock()
    queue.append(job)
    let wake = sleeping
    sleeping = false
    lock.unlock()
    if wake {
      var one: UInt64 = 1
      _ = write(wakeFD, &one, 8)
    }
  }

  // MARK: - Waiting

  /// Suspends the calling task until `fd` is ready for `interest`, `deadline` passes (nil: no
  /// deadline) or the task is cancelled, and says which came first.
  ///
  /// Must not be called for an fd another task is waiting on. Called from a task that is not
  /// on this loop's thread, it hops there for the wait.
  ///
  ///     let loop = try EventLoop()
  ///     let outcome = try loop.run {
  ///       await loop.wait(for: socketWithNothingToRead, .readable, until: .now + .seconds(1))
  ///     }
  ///     print(outcome)
  ///     // timed out
  public func wait(
    for fd: Int32, _ interest: Interest, until deadline: ContinuousClock.Instant?
  ) async -> WaitOutcome {
    guard Self.current === self else {
      return await withTaskExecutorPreference(self) {
        await self.wait(for: fd, interest, until: deadline)
      }
    }
    var event = epoll_event()
    let readiness = interest == .readable ? EPOLLIN.rawValue : EPOLLOUT.rawValue
    event.events = readiness | EPOLLONESHOT.rawValue
    event.data.fd = fd
    guard epoll_ctl(epoll, EPOLL_CTL_ADD, fd, &event) == 0 else {
      // Not a socket we can wait on (closed, or already registered): let the caller's next
      // call report what is wrong rather than wait for nothing.
      return .ready
    }
    let outcome = await park(until: deadline) { waiters[fd] = $0 }
    waiters[fd] = nil
    epoll_ctl(epoll, EPOLL_CTL_DEL, fd, &event)
    return outcome
  }

  /// Suspends the calling task until its ``Wakeup`` is woken, `deadline` passes or the task is
  /// cancelled; `arm` receives the wakeup before the task suspends, to hand it to whoever will
  /// wake it.
  ///
  ///     let outcome = await loop.park(until: nil) { wakeup in pool.waiting.append(wakeup) }
  ///     // ready, once some other thread calls wakeup.wake()
  public func park(
    until deadline: ContinuousClock.Instant?, _ arm: (Wakeup) -> Void
  ) async -> WaitOutcome {
    guard Self.current === self else {
      let wakeup = Wakeup()
      arm(wakeup)
      return await withTaskExecutorPreference(self) {
        await self.park(wakeup, until: deadline)
      }
    }
    let wakeup = Wakeup()
    arm(wakeup)
    return await park(wakeup, until: deadline)
  }

  /// Parks on an armed `wakeup`, on the loop's thread.
  private func park(_ wakeup: Wakeup, until deadline: ContinuousClock.Instant?) async
    -> WaitOutcome
  {
    if let deadline { timers.add(deadline, wakeup) }
    let outcome = await withTaskCancellationHandler {
      await withUnsafeContinuation { wakeup.suspend($0) }
    } onCancel: {
      _ = wakeup.finish(.cancelled)
    }
    if deadline != nil, outcome != .timedOut { timers.noteFinishedEarly() }
    return outcome
  }

  /// Suspends the calling task until `deadline` on the loop's timer heap; throws
  /// `CancellationError` if the task is cancelled first.
  public func sleep(until deadline: ContinuousClock.Instant) async throws {
    try Task.checkCancellation()
    if await park(until: deadline, { _ in }) == .cancelled { throw CancellationError() }
  }

  // MARK: - The calling thread's loop

  /// The loop whose thread is calling, if any.
  ///
  ///     print(EventLoop.current == nil)
  ///     // true (outside any loop)
  public static var current: EventLoop? {
    guard let pointer = pthread_getspecific(key) else { return nil }
    return Unmanaged<EventLoop>.fromOpaque(pointer).takeUnretainedValue()
  }

  /// A loop on a thread of its own (`EventLoop-background`), started the first time it is
  /// needed, for async code that runs on no loop (a test's task, the global executor): waits
  /// hop to it and back. Nil if it could not be made (no file descriptors left).
  public static let background: EventLoop? = {
    guard let loop = try? EventLoop(name: "EventLoop-background") else { return nil }
    loop.running = true
    loop.runForever(threadName: "EventLoop-background")
    return loop
  }()

  /// Waits for `fd` on the calling thread's loop, or on the ``background`` loop when the
  /// calling code runs on none; see ``wait(for:_:until:)``.
  ///
  /// Without any loop (the background one could not be made), it blocks the calling thread in
  /// `poll`, which is correct but wastes that thread.
  ///
  ///     let outcome = await EventLoop.wait(for: fd, .readable, until: .now + .seconds(5))
  ///     // ready: recv(fd, …) will not block
  public static func wait(
    for fd: Int32, _ interest: Interest, until deadline: ContinuousClock.Instant?
  ) async -> WaitOutcome {
    if let loop = current ?? background {
      return await loop.wait(for: fd, interest, until: deadline)
    }
    if Task.isCancelled { return .cancelled }
    return pollWait(fd, interest, until: deadline)
  }

  /// Parks on the calling thread's loop or the ``background`` loop; see
  /// ``park(until:_:)``. Without any loop the wait times out at once.
  public static func park(
    until deadline: ContinuousClock.Instant?, _ arm: (Wakeup) -> Void
  ) async -> WaitOutcome {
    guard let loop = current ?? background else { return .timedOut }
    return await loop.park(until: deadline, arm)
  }

  /// Sleeps on the calling thread's loop (or the ``background`` loop) for `duration`.
  ///
  ///     try await EventLoop.sleep(for: .milliseconds(100))
  public static func sleep(for duration: Duration) async throws {
    guard let loop = current ?? background else {
      try await Task.sleep(for: duration)
      return
    }
    try await loop.sleep(until: .now + duration)
  }

  /// Blocks in `poll` for `fd`: the fallback when no loop can be made.
  static func pollWait(
    _ fd: Int32, _ interest: Interest, until deadline: ContinuousClock.Instant?
  ) -> WaitOutcome {
    let events = Int16(interest == .readable ? POLLIN : POLLOUT)
    while true {
      var millis: Int32 = -1
      if let deadline {
        millis = EventLoopTimers.milliseconds(from: .now, to: deadline)
        if millis == 0 { return .timedOut }
      }
      var ready = pollfd(fd: fd, events: events, revents: 0)
      let result = poll(&ready, 1, millis)
      if result > 0 { return .ready }
      if result < 0, errno != EINTR { return .ready }
    }
  }

  private static let key: pthread_key_t = {
    var key = pthread_key_t()
    let status = pthread_key_create(&key, nil)
    precondition(status == 0, "pthread_key_create failed")
    return key
  }()

  /// Makes `loop` the calling thread's, returning the one it replaces.
  @discardableResult
  private static func install(_ loop: EventLoop?) -> EventLoop? {
    let previous = current
    pthread_setspecific(key, loop.map { Unmanaged.passUnretained($0).toOpaque() })
    return previous
  }
}

/// Why an ``EventLoop`` could not be made or run.
///
///     print(EventLoopError.system(call: "epoll_create1", errno: EMFILE))
///     // epoll_create1 failed: Too many open files
public enum EventLoopError: Error, Equatable, CustomStringConvertible, Sendable {
  /// A system call failed, with its `errno`.
  case system(call: String, errno: Int32)
  /// ``EventLoop/run(_:)`` on a loop that has run, or on a thread that runs a loop.
  case alreadyRunning

  /// `epoll_create1 failed: Too many open files`, or `the event loop is already running`.
  public var description: String {
    switch self {
    case .system(let call, let code):
      let text = strerror(code).map { String(cString: $0) } ?? "errno \(code)"
      return "\(call) failed: \(text)"
    case .alreadyRunning:
      return "the event loop is already running"
    }
  }
}
