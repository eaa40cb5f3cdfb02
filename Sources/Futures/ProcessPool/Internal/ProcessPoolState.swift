import ConcurrencyRuntime

#if canImport(Glibc)
  import Glibc
#endif

/// What a process pool's threads share with it, as CPython's executor manager thread keeps it:
/// the workers, the jobs waiting for one, and whether the pool is shut down or broken. Every
/// field is guarded by `condition`, which is also signalled whenever a worker goes away.
///
/// Each worker has one thread in the parent that reads its answers (`readAnswers`). A job
/// goes straight to an idle worker from `submit`, or waits in `pending` until a worker
/// finishes one; a worker has one job at a time, so a long job never holds up another that an
/// idle worker could run. The reader that sees a worker's output end reaps it and, unless the
/// pool told it to go, breaks the pool.
final class ProcessPoolState: @unchecked Sendable {
  let runtime: Runtime
  let condition: any RuntimeCondition
  let registry: WorkerRegistry
  let command: WorkerCommand
  let maxWorkers: Int
  let maxTasksPerChild: Int?
  let prefix: String

  // Guarded by `condition`.
  private(set) var workers: [WorkerSlot] = []
  private var idle: [WorkerSlot] = []
  private var pending: [JobTicket?] = []
  private var head = 0
  var isShutdown = false
  var broken: String?
  var nextID: UInt64 = 0
  private var started = 0

  init(
    runtime: Runtime, registry: WorkerRegistry, command: WorkerCommand, maxWorkers: Int,
    maxTasksPerChild: Int?, prefix: String
  ) {
    self.runtime = runtime
    self.registry = registry
    self.command = command
    self.maxWorkers = maxWorkers
    self.maxTasksPerChild = maxTasksPerChild
    self.prefix = prefix
    condition = runtime.makeCondition(label: "the process pool")
  }

  // MARK: Submitting (lock held)

  /// Runs `ticket` on an idle worker, or on a new one while there are fewer than
  /// `maxWorkers`, or queues it. Throws if a worker was needed and could not be started.
  func enqueue(_ ticket: JobTicket) throws {
    if let slot = idle.popLast() {
      _ = ticket.setRunning()
      send(ticket, to: slot)
    } else if workers.count < maxWorkers {
      let slot = try startWorker()
      _ = ticket.setRunning()
      send(ticket, to: slot)
    } else {
      pending.append(ticket)
    }
  }

  private func startWorker() throws -> WorkerSlot {
    let name = "\(prefix)_\(started)"
    let registry = self.registry
    let runtime = self.runtime
    let launch = WorkerProcessLaunch(
      name: name, executable: command.executable, arguments: command.arguments
    ) { channel in
      WorkerHost.serve(channel, registry: registry) { runtime.compute(for: $0) }
    }
    let process = try runtime.startWorkerProcess(launch)
    started += 1
    let slot = WorkerSlot(name: name, process: process)
    workers.append(slot)
    runtime.spawn(name: "\(name)-answers") { [self] in readAnswers(from: slot) }
    return slot
  }

  private func send(_ ticket: JobTicket, to slot: WorkerSlot) {
    slot.sent += 1
    let last = maxTasksPerChild.map { slot.sent >= $0 } ?? false
    slot.state = last ? .retiring : .busy
    slot.inFlight = ticket
    if let label = ticket.label {
      slot.spanID = runtime.trace.startSpan(
        label: label, executor: prefix, lane: .process(slot.name), in: runtime)
    }
    let job = WorkerMessage.Job(
      id: ticket.id, function: ticket.function, last: last, argument: ticket.argument)
    // A worker that is gone cannot take it; its reader sees its output end and breaks the pool,
    // which fails this job with the others.
    try? slot.process.send(WorkerMessage.encode(job))
  }

  /// Gives `slot`, which has just answered, the next job; with none, it idles, or goes if the
  /// pool is shut down.
  private func dispatchNext(to slot: WorkerSlot) {
    while let ticket = popPending() {
      if ticket.setRunning() {
        send(ticket, to: slot)
        return
      }
    }
    if isShutdown {
      stop(slot)
    } else {
      slot.state = .idle
      idle.append(slot)
    }
  }

  private func stop(_ slot: WorkerSlot) {
    slot.state = .stopping
    slot.process.closeInput()
  }

  private func popPending() -> JobTicket? {
    guard head < pending.count else { return nil }
    let ticket = pending[head]
    pending[head] = nil
    head += 1
    if head == pending.count {
      pending.removeAll(keepingCapacity: true)
      head = 0
    } else if head > 1024 && head * 2 > pending.count {
      pending.removeFirst(head)
      head = 0
    }
    return ticket
  }

  private func drainPending() -> [JobTicket] {
    var drained: [JobTicket] = []
    while let ticket = popPending() { drained.append(ticket) }
    return drained
  }

  // MARK: A worker's answers

  /// The loop of the thread that reads `slot`'s answers, until its output ends; then reaps it.
  private func readAnswers(from slot: WorkerSlot) {
    var fault: String?
    while true {
      let message: [UInt8]?
      do {
        message = try slot.process.receive()
      } catch {
        fault = "\(error)"
        break
      }
      guard let message else { break }
      guard let reply = try? WorkerMessage.decodeReply(message) else {
        fault = "it sent a message that is not an answer"
        break
      }
      condition.lock()
      var ticket: JobTicket?
      if let inFlight = slot.inFlight, inFlight.id == reply.id {
        ticket = inFlight
        slot.inFlight = nil
        endSpan(of: slot)
        if slot.state == .busy { dispatchNext(to: slot) }
      }
      condition.unlock()
      ticket?.settle(reply, worker: slot.name, pid: slot.process.pid)
    }
    if fault != nil { slot.process.kill(signal: SIGKILL) }
    let exit = slot.process.waitForExit()

    condition.lock()
    workers.removeAll { $0 === slot }
    idle.removeAll { $0 === slot }
    var failed: [JobTicket] = []
    var failure: (any Error)?
    let expected =
      broken != nil || (slot.inFlight == nil && [.stopping, .retiring].contains(slot.state))
    if !expected {
      let how = fault.map { "\(exit) after a fault: \($0)" } ?? "\(exit)"
      (failed, failure) = breakPool("\(slot.name) (pid \(slot.process.pid)) \(how)", dead: slot)
    } else if broken == nil && head < pending.count {
      // A retired worker's replacement takes the work left.
      do {
        dispatchNext(to: try startWorker())
      } catch {
        (failed, failure) = breakPool("a replacement for \(slot.name) could not start: \(error)")
      }
    }
    condition.notifyAll()
    condition.unlock()
    if let failure {
      for ticket in failed { ticket.fail(failure) }
    }
  }

  private func endSpan(of slot: WorkerSlot) {
    guard let span = slot.spanID else { return }
    slot.spanID = nil
    runtime.trace.endSpan(span, lane: .process(slot.name), in: runtime)
  }

  /// Marks the pool broken because `what` happened (to `dead`, which is no longer among the
  /// workers), stops every worker, and returns the jobs to fail (pending and running, in submission order) with the error to fail them with.
  private func breakPool(_ what: String, dead: WorkerSlot? = nil) -> ([JobTicket], any Error) {
    broken = "A child process terminated abruptly, the process pool is not usable anymore: \(what)"
    isShutdown = true
    var failed = drainPending()
    for slot in workers + (dead.map { [$0] } ?? []) {
      if let ticket = slot.inFlight {
        failed.append(ticket)
        slot.inFlight = nil
        endSpan(of: slot)
      }
      if slot.state != .stopping { stop(slot) }
    }
    idle = []
    failed.sort { $0.id < $1.id }
    let error = FutureError.brokenProcessPool(
      "A process in the process pool was terminated abruptly while the future was running or "
        + "pending: \(what)")
    return (failed, error)
  }

  // MARK: Shutting down

  /// Stops taking work; idle workers go at once, busy ones after the queued work (or, with
  /// `cancelFutures`, after their current job). With `wait`, returns once every worker has
  /// exited and been reaped.
  func shutdown(wait: Bool, cancelFutures: Bool) {
    condition.lock()
    isShutdown = true
    let cancelled = cancelFutures ? drainPending() : []
    for slot in idle { stop(slot) }
    idle = []
    condition.unlock()
    for ticket in cancelled { ticket.cancel() }
    guard wait else { return }
    condition.withLock {
      while !workers.isEmpty { condition.wait() }
    }
  }
}
