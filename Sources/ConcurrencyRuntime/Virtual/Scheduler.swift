import Foundation

/// The heart of the virtual runtime: one simulated thread runs at a time, time moves only when
/// nothing can run, and the next thread to run is chosen by a ``SchedulingPolicy`` (FIFO,
/// seeded, or a replay), every choice recorded as a ``Schedule``.
///
/// Every field is guarded by one recursive lock. A simulated thread gives up the baton by
/// choosing a successor, signalling its semaphore, and waiting on its own. The lock is
/// recursive because firing an async timer resumes a continuation, which enqueues a job on the
/// virtual task executor, which takes the lock again on the same OS thread.
final class Scheduler: @unchecked Sendable {
  enum Timer {
    case wake(SimulatedThread, UInt64)
    case action(TimerAction)
  }

  private let mutex = NSRecursiveLock()
  private var clock: Duration = .zero
  private var runQueue: [SimulatedThread] = []
  private var timers = TimerQueue<Timer>()
  private var current: SimulatedThread?
  private var policy: SchedulingPolicy
  private var decisions: [Schedule.Decision] = []
  private var alive: [SimulatedThread] = []
  private var nextID = 0
  private var main: SimulatedThread?
  private var mainFinished = false
  private var blockedAtDeadlock: [String]?
  private let hostDone = DispatchSemaphore(value: 0)

  init(policy: SchedulingPolicy) {
    self.policy = policy
  }

  /// The decisions made so far, as a schedule that replays them.
  var schedule: Schedule {
    lock()
    defer { unlock() }
    return Schedule(preemptive: policy.preemptive, decisions: decisions)
  }

  /// Picks among `count` threads by the policy and records the decision. Lock held.
  private func choose(among count: Int) -> Int {
    let choice = policy.choose(among: count)
    decisions.append(Schedule.Decision(options: count, choice: choice))
    return choice
  }

  func lock() { mutex.lock() }
  func unlock() { mutex.unlock() }

  /// Virtual time since the runtime started.
  var now: Duration {
    lock()
    defer { unlock() }
    return clock
  }

  /// The simulated thread that holds the baton; traps when called from outside the simulation.
  var running: SimulatedThread {
    guard let thread = ThreadContext.current?.simulated, thread === current else {
      fatalError("a virtual-runtime primitive was used outside its simulated threads")
    }
    return thread
  }

  // MARK: Running a program

  /// Runs `body` as the simulated main thread and returns once the simulation is over.
  func run<T>(runtime: Runtime, _ body: @escaping @Sendable () throws -> T) throws -> T {
    let box = ResultBox<T>()
    lock()
    mainFinished = false
    blockedAtDeadlock = nil
    let thread = makeThread(runtime: runtime, name: "MainThread") {
      do { box.set(.success(try body())) } catch { box.set(.failure(error)) }
    }
    main = thread
    current = thread
    thread.state = .running
    unlock()
    thread.baton.signal()
    hostDone.wait()
    lock()
    let deadlock = blockedAtDeadlock
    let divergence = policy.divergence
    unlock()
    if let deadlock { throw RuntimeError.deadlock(deadlock) }
    if let divergence { throw RuntimeError.scheduleDiverged(at: divergence) }
    return try box.get()
  }

  /// Starts a simulated thread. Canonically the child runs at once and its parent resumes as
  /// soon as the child blocks, as a freshly started OS thread usually gets the CPU.
  func spawn(runtime: Runtime, name: String, _ body: @escaping @Sendable () -> Void)
    -> SimulatedThread
  {
    lock()
    defer { unlock() }
    let parent = running
    let child = makeThread(runtime: runtime, name: name, body)
    if !policy.preemptive {
      parent.state = .runnable
      runQueue.insert(parent, at: 0)
      hand(to: child, from: parent)
    } else {
      makeRunnable(child)
      yieldLocked(parent)
    }
    return child
  }

  private func makeThread(
    runtime: Runtime, name: String, _ body: @escaping @Sendable () -> Void
  ) -> SimulatedThread {
    let thread = SimulatedThread(name: name, id: nextID, scheduler: self)
    nextID += 1
    alive.append(thread)
    let context = ThreadContext(runtime: runtime, name: name, simulated: thread)
    let os = Thread { [self] in
      thread.baton.wait()
      ThreadContext.install(context)
      body()
      finish(thread)
      ThreadContext.install(nil)
    }
    os.name = name
    os.stackSize = 1 << 20
    os.start()
    return thread
  }

  private func finish(_ thread: SimulatedThread) {
    lock()
    defer { unlock() }
    thread.state = .finished
    alive.removeAll { $0 === thread }
    for joiner in thread.joiners { makeRunnable(joiner) }
    thread.joiners = []
    if thread === main { mainFinished = true }
    runNext(from: thread)
  }

  // MARK: Blocking and waking

  /// Blocks the running thread until something makes it runnable again, or until `deadline`
  /// (then `timedOut` is set and `onTimeout` runs). Call with the lock held.
  ///
  /// The thread's trace records it as blocked on `reason`, and unblocked when it runs again.
  func block(
    _ reason: BlockReason, until deadline: Duration? = nil, onTimeout: (() -> Void)? = nil,
    traced: Bool = true
  ) {
    let thread = running
    thread.state = .blocked(reason)
    thread.generation &+= 1
    thread.timedOut = false
    thread.onTimeout = onTimeout
    if let deadline { timers.push(deadline, .wake(thread, thread.generation)) }
    let trace = ThreadContext.current.flatMap {
      traced && $0.runtime.trace.recordsBlocking ? $0.runtime.trace : nil
    }
    trace?.record(TraceEvent(time: clock, actor: thread.name, kind: .blocked(reason)))
    runNext(from: thread)
    trace?.record(TraceEvent(time: clock, actor: thread.name, kind: .unblocked))
  }

  /// Puts a blocked or new thread at the back of the run queue. Call with the lock held.
  func makeRunnable(_ thread: SimulatedThread) {
    thread.state = .runnable
    thread.generation &+= 1
    thread.onTimeout = nil
    runQueue.append(thread)
  }

  /// Runs `action` when virtual time reaches `deadline`, under the lock.
  func schedule(at deadline: Duration, _ action: TimerAction) {
    timers.push(deadline, .action(action))
  }

  func sleep(for duration: Duration) {
    guard duration > .zero else { return }
    lock()
    defer { unlock() }
    block(.sleep(until: clock + duration), until: clock + duration)
  }

  /// Keeps the running thread busy for `duration`: to the scheduler a sleep, but not a wait
  /// in the trace, as the thread computes meanwhile (``VirtualCores``), and a timeline should
  /// draw it running.
  func busy(for duration: Duration) {
    guard duration > .zero else { return }
    lock()
    defer { unlock() }
    block(.sleep(until: clock + duration), until: clock + duration, traced: false)
  }

  func join(_ target: SimulatedThread) {
    lock()
    defer { unlock() }
    guard target.state != .finished else { return }
    target.joiners.append(running)
    block(.join(target.name))
  }

  /// In a seeded run, lets any runnable thread take over; a no-op in the canonical schedule.
  func yieldPoint() {
    guard policy.preemptive else { return }
    lock()
    defer { unlock() }
    yieldLocked(running)
  }

  private func yieldLocked(_ thread: SimulatedThread) {
    guard !runQueue.isEmpty, policy.preemptive else { return }
    let pick = choose(among: runQueue.count + 1)
    guard pick < runQueue.count else { return }
    let next = runQueue.remove(at: pick)
    thread.state = .runnable
    runQueue.append(thread)
    hand(to: next, from: thread)
  }

  // MARK: Choosing who runs

  private func runNext(from thread: SimulatedThread) {
    while true {
      if let next = takeNext() {
        if next === thread {
          thread.state = .running
          current = thread
        } else {
          hand(to: next, from: thread)
        }
        return
      }
      if advanceTime() { continue }
      endSimulation(parking: thread)
      return
    }
  }

  private func takeNext() -> SimulatedThread? {
    guard !runQueue.isEmpty else { return nil }
    return runQueue.remove(at: choose(among: runQueue.count))
  }

  /// Gives the baton to `next` and, unless `thread` has finished, waits to get it back.
  private func hand(to next: SimulatedThread, from thread: SimulatedThread) {
    current = next
    next.state = .running
    next.baton.signal()
    guard thread.state != .finished else { return }
    unlock()
    thread.baton.wait()
    lock()
  }

  /// Jumps to the earliest live deadline and fires everything due then.
  private func advanceTime() -> Bool {
    while let entry = timers.pop() {
      guard isLive(entry.payload) else { continue }
      clock = max(clock, entry.deadline)
      fire(entry.payload)
      while let due = timers.earliest, due <= clock, let next = timers.pop() {
        if isLive(next.payload) { fire(next.payload) }
      }
      return true
    }
    return false
  }

  private func isLive(_ timer: Timer) -> Bool {
    switch timer {
    case .wake(let thread, let generation):
      if case .blocked = thread.state { return thread.generation == generation }
      return false
    case .action(let action):
      return !action.isCancelled
    }
  }

  private func fire(_ timer: Timer) {
    switch timer {
    case .wake(let thread, _):
      thread.timedOut = true
      thread.onTimeout?()
      makeRunnable(thread)
    case .action(let action):
      action.fire()
    }
  }

  private func endSimulation(parking thread: SimulatedThread) {
    if !mainFinished {
      blockedAtDeadlock = alive.map { "\($0.name) (\(Self.reason($0.state)))" }
    }
    current = nil
    hostDone.signal()
    guard thread.state != .finished else { return }
    // Nothing will ever wake this thread: leave its OS thread parked.
    unlock()
    thread.baton.wait()
  }

  private static func reason(_ state: SimulatedThread.State) -> String {
    if case .blocked(let reason) = state { return reason.description }
    return "\(state)"
  }
}

/// Work to do when virtual time reaches a deadline, unless cancelled first.
final class TimerAction: @unchecked Sendable {
  private(set) var isCancelled = false
  private let body: () -> Void

  init(_ body: @escaping () -> Void) { self.body = body }

  /// Call with the scheduler's lock held.
  func cancel() { isCancelled = true }

  func fire() {
    guard !isCancelled else { return }
    isCancelled = true
    body()
  }
}
