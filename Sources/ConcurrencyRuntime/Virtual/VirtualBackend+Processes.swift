extension VirtualBackend {
  /// Simulated processes get made-up process ids from 1000 on, per runtime, so that what a
  /// lesson shows of them is the same every run.
  func startWorkerProcess(runtime: Runtime, _ launch: WorkerProcessLaunch) throws
    -> any WorkerProcess
  {
    let pid = Int32(1000 + runtime.nextNumber(for: "simulated process id"))
    let process = SimulatedProcess(launch: launch, pid: pid, scheduler: scheduler)
    process.start(runtime: runtime, scheduler: scheduler, simulation: launch.simulation)
    return process
  }

  func compute(for duration: Duration) { cores.compute(for: duration) }

  /// The made-up pid of the program a virtual run stands for, the parent of its simulated
  /// processes (which count from 1000).
  static let mainProcessID: Int32 = 999

  /// The simulated process whose thread is running, or the program's own made-up pid.
  var processID: Int32 {
    scheduler.lock()
    defer { scheduler.unlock() }
    return scheduler.admit("processID")?.process?.pid ?? Self.mainProcessID
  }
}
