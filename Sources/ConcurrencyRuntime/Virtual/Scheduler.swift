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

  /// The run's number in this process (1, 2, …), so that errors can tell runs apart.
  let runNumber = Scheduler.numbers.withLock { count in
    count += 1
    return count
  }
  private static let numbers = Protected<Int>(0)

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
  /// The first thing that escaped the run, which ends it as failed.
  private(set) var escape: RuntimeEscape?

  /// Keeps `escape` and wakes a run waiting for outside work. Lock held.
  func setEscape(_ escape: RuntimeEscape) {
    self.escape = escape
    escapeArrived.signal()
  }
  /// Signalled when an escape is recorded, for a run waiting to see whether work outside it
  /// comes back.
  private let escapeArrived = DispatchSemaphore(value: 0)
  /// How long a run whose async tasks all wait waits in real time, before it is reported as
  /// a deadlock, for work outside it (a Dispatch timer, another thread) to come back and be
  /// reported as the escape it is. Two seconds, because a Dispatch block may wait that long
  /// for a thread: on Linux, Swift's tasks run on Dispatch's pool, and a test blocked in a
  /// virtual run holds one of its threads (a 500 ms stall of a parallel test delayed a 20 ms
  /// `asyncAfter` by 500 ms on two cores).
  static let escapeGrace: DispatchTimeInterval = .seconds(2)
  static let escapeGraceText = "2 s"

  /// How long the run may go without coming back to the scheduler, in real time, before
  /// it is reported as stalled.
  let stallLimit: Duration
  /// Counts every hand-over, block and yield point: the host sees the run make progress.
  private var progress: UInt64 = 0
  /// A program error the runtime caught instead of trapping (a lock released by a thread
  /// that does not hold it), or a stall: ends the run as failed.
  private(set) var failure: RuntimeError?
  /// Set when the host gave up on a stalled run: a thread that comes back to the scheduler
  /// afterwards ends its OS thread.
  private(set) var ended = false

  init(policy: SchedulingPolicy, stallLimit: Duration = .seconds(30)) {
    self.policy = policy
    self.stallLimit = stallLimit
  }

  /// Ends the run with `failure` (the first one kept). Lock held.
  func fail(_ failure: RuntimeError) {
    if self.failure == nil { self.failure = failure }
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

  /// The simulated thread holding the baton, for ``admit(_:)``. Lock held.
  var baton: SimulatedThread? { current }

  /// The simulated thread that holds the baton. Only for code that has already been
  /// admitted (``admit(_:)``, ``admitBlocking(_:)``) or runs on the run's own threads.
  var running: SimulatedThread {
    guard let thread = ThreadContext.current?.simulated, thread === current else {
      preconditionFailure("the virtual runtime's \(#function) was reached without admission")
    }
    return thread
  }

  /// Picks among `count` ready jobs or due timers by the policy: a decision of the schedule
  /// when there is a choice, none when there is one option. Lock held.
  func decide(among count: Int) -> Int {
    count > 1 ? choose(among: count) : 0
  }

  // MARK: Running a program

  /// Runs `body` as the simulated main thread and returns once the simulation is over.
  func run<T>(runtime: Runtime, _ body: @escaping @Sendable () throws -> T) throws -> T {
    let box = ResultBox<T>()
    lock()
    mainFinished = false
    blockedAtDeadlock = nil
    failure = nil
    escape = nil
    let thread = makeThread(runtime: runtime, name: "MainThread") {
      do { box.set(.success(try body())) } catch { box.set(.failure(error)) }
    }
    main = thread
    current = thread
    thread.state = .running
    unlock()
    Self.active.withLock { $0[runNumber] = self }
    thread.baton.signal()
    waitForTheRun()
    Self.active.withLock { $0[runNumber] = nil }
    lock()
    let deadlock = blockedAtDeadlock
    let divergence = policy.divergence
    unlock()
    if let escape { throw RuntimeError.escaped(escape) }
    if let failure { throw failure }
    if let deadlock { throw RuntimeError.deadlock(deadlock) }
    if let divergence { throw RuntimeError.scheduleDiverged(at: divergence) }
    return try box.get()
  }

  /// Waits for the simulation to end, or for ``stallLimit`` of real time without progress:
  /// then the thread holding the baton is waiting on something outside the run (real I/O, a
  /// semaphore, a Dispatch call), and the run ends with a report of every thread.
  private func waitForTheRun() {
    var seen = UInt64.max
    var still = Duration.zero
    let tick = Duration.milliseconds(250)
    while hostDone.wait(timeout: .now() + .milliseconds(250)) == .timedOut {
      lock()
      if progress != seen {
        seen = progress
        still = .zero
      } else {
        still += tick
      }
      guard still >= stallLimit else {
        unlock()
        continue
      }
      let holder = current?.name ?? "no thread"
      let threads = alive.map { "\($0.name) (\(Self.reason($0.state)))" }
      fail(.stalled(holder: holder, after: stallLimit, threads: threads))
      ended = true
      abandonThreads(except: current)
      unlock()
      return
    }
  }

  /// Starts a simulated thread. Canonically the child runs at once and its parent resumes as
  /// soon as the child blocks, as a freshly started OS thread usually gets the CPU.
  func spawn(runtime: Runtime, name: String, _ body: @escaping @Sendable () -> Void)
    -> SimulatedThread
  {
    lock()
    defer { unlock() }
    let parent = admitBlocking("spawn")
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
    OSThreadPool.shared.run { [self] in
      thread.baton.wait()
      // A run that ended before this thread first ran lets it end without running.
      if thread.abandoned { return }
      ThreadContext.install(context)
      body()
      finish(thread)
      ThreadContext.install(nil)
    }
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
    progress &+= 1
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
    progress &+= 1
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
    _ = admitBlocking("sleep")
    block(.sleep(until: clock + duration), until: clock + duration)
  }

  /// Keeps the running thread busy for `duration`: to the scheduler a sleep, but not a wait
  /// in the trace, as the thread computes meanwhile (``VirtualCores``), and a timeline should
  /// draw it running.
  func busy(for duration: Duration) {
    guard duration > .zero else { return }
    lock()
    defer { unlock() }
    _ = admitBlocking("compute")
    block(.sleep(until: clock + duration), until: clock + duration, traced: false)
  }

  func join(_ target: SimulatedThread) {
    lock()
    defer { unlock() }
    let thread = admitBlocking("join")
    guard target.state != .finished else { return }
    target.joiners.append(thread)
    block(.join(target.name))
  }

  /// In a seeded run, lets any runnable thread take over; a no-op in the canonical schedule.
  func yieldPoint() {
    lock()
    defer { unlock() }
    // Every print, unlock and notify passes here: where a thread outside the run is caught.
    progress &+= 1
    guard let thread = admit("the console or a lock"), policy.preemptive else { return }
    yieldLocked(thread)
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
    progress &+= 1
    if ended {
      unlock()
      exitAbandonedThread()
    }
    current = next
    next.state = .running
    next.baton.signal()
    guard thread.state != .finished else { return }
    unlock()
    thread.baton.wait()
    if thread.abandoned { exitAbandonedThread() }
    lock()
  }

  /// Jumps to the earliest live deadline and fires everything due then: threads' wake-ups
  /// in the order they were set (the run queue's picks order them anyway), then async timers
  /// in an order the policy decides, so that jobs due at the same instant race by seed.
  private func advanceTime() -> Bool {
    while let entry = timers.pop() {
      guard isLive(entry.payload) else { continue }
      clock = max(clock, entry.deadline)
      var actions: [TimerAction] = []
      var due: [Timer] = [entry.payload]
      while let deadline = timers.earliest, deadline <= clock, let next = timers.pop() {
        due.append(next.payload)
      }
      for timer in due where isLive(timer) {
        if case .action(let action) = timer { actions.append(action) } else { fire(timer) }
      }
      while !actions.isEmpty {
        actions.remove(at: decide(among: actions.count)).fire()
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
    if !mainFinished && escape == nil && alive.contains(where: { $0.state == .blocked(.asyncWork) })
    {
      // Async tasks wait, and nothing in the run can wake them: either a deadlock, or work
      // outside the run (a Dispatch timer, another thread) will resume one, which is an
      // escape to report as such. Give that work a moment to show itself.
      unlock()
      _ = escapeArrived.wait(timeout: .now() + Self.escapeGrace)
      lock()
    }
    if !mainFinished && escape == nil {
      blockedAtDeadlock = alive.map { thread in
        guard thread.state == .blocked(.asyncWork) else {
          return "\(thread.name) (\(Self.reason(thread.state)))"
        }
        return "\(thread.name) (waiting for async work; nothing outside the run resumed a task"
          + " within \(Self.escapeGraceText) either)"
      }
    }
    current = nil
    abandonThreads(except: thread)
    hostDone.signal()
    guard thread.state != .finished else { return }
    thread.state = .finished
    unlock()
    exitAbandonedThread()
  }

  /// Lets every thread of the run but `kept` end its OS thread as soon as it wakes (a
  /// thread not yet started ends before running): nothing will ever wake them otherwise, and
  /// a run that failed keeps no thread. Lock held.
  private func abandonThreads(except kept: SimulatedThread?) {
    for other in alive where other !== kept {
      other.state = .finished
      other.abandoned = true
      other.baton.signal()
    }
    alive.removeAll()
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
