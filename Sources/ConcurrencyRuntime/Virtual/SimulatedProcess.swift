/// A worker process of the virtual runtime: a simulated thread of its own running the launch's
/// simulation, behind two ``VirtualPipe``s that carry the same framed bytes a real pipe would.
///
/// It ends when its simulation returns, when it is killed, or when its input is closed: like a
/// real worker that exits as soon as it notices its input closing, it ends then and there, its
/// unsent output lost. Its CPU time (``Runtime/compute(for:)``) is cut short when it ends.
final class SimulatedProcess: WorkerProcess, @unchecked Sendable {
  let name: String
  let pid: Int32
  private let toChild: VirtualPipe
  private let fromChild: VirtualPipe
  private let condition: VirtualCondition
  // Guarded by `condition`.
  private var status: ProcessExit?

  init(launch: WorkerProcessLaunch, pid: Int32, scheduler: Scheduler) {
    name = launch.name
    self.pid = pid
    toChild = VirtualPipe(label: "the input of \(launch.name)", scheduler: scheduler)
    fromChild = VirtualPipe(label: "the output of \(launch.name)", scheduler: scheduler)
    condition = VirtualCondition(
      label: launch.name, reason: .join(launch.name), scheduler: scheduler)
  }

  /// Starts the process's thread; canonically it runs at once, until it first blocks.
  func start(
    runtime: Runtime, scheduler: Scheduler,
    simulation: @escaping @Sendable (any MessageChannel) -> Int32
  ) {
    let side = ChildSide(process: self)
    _ = scheduler.spawn(runtime: runtime, name: name) { [self] in
      scheduler.lock()
      scheduler.running.process = self
      scheduler.unlock()
      let code = simulation(side)
      end(.exited(code))
    }
  }

  var exitStatus: ProcessExit? { condition.withLock { status } }

  func send(_ message: [UInt8]) throws {
    try toChild.write(message, closed: .inputClosed(name))
  }

  func receive() throws -> [UInt8]? { try fromChild.read() }

  func closeInput() { end(.exited(0)) }

  func kill(signal: Int32) { end(.killed(signal)) }

  func waitForExit() -> ProcessExit {
    condition.withLock {
      while status == nil { condition.wait() }
      return status ?? .exited(0)
    }
  }

  /// Whether it has ended, for its own thread to stop computing.
  var hasEnded: Bool { condition.withLock { status != nil } }

  /// Holds a CPU for `duration`, or until the process ends. Called on its own thread, which
  /// computes meanwhile: the trace records no wait (as ``Scheduler/busy(for:)``).
  func compute(for duration: Duration, scheduler: Scheduler) {
    let deadline = scheduler.now + duration
    condition.withLock {
      while status == nil {
        let left = deadline - scheduler.now
        guard left > .zero else { return }
        _ = condition.wait(timeout: left, traced: false)
      }
    }
  }

  /// Ends the process (the first end wins): its input closes, its output ends after what it
  /// has written, and whoever waits for it wakes.
  private func end(_ exit: ProcessExit) {
    let first = condition.withLock {
      guard status == nil else { return false }
      status = exit
      condition.notifyAll()
      return true
    }
    guard first else { return }
    toChild.closeWriter()
    toChild.closeReader()
    fromChild.closeWriter()
  }

  /// The process's own ends of the pipes.
  private final class ChildSide: MessageChannel, @unchecked Sendable {
    unowned let process: SimulatedProcess
    init(process: SimulatedProcess) { self.process = process }

    func send(_ message: [UInt8]) throws {
      try process.fromChild.write(message, closed: .inputClosed("the parent"))
    }

    func receive() throws -> [UInt8]? { try process.toChild.read() }
  }
}
