extension Runtime {
  /// Starts a worker process: a real child live, a simulated process in virtual time.
  ///
  /// Live, `launch.executable` runs with `launch.arguments`, its standard input and output
  /// piped to the returned handle, its standard error shared with this process. Virtual,
  /// `launch.simulation` runs on a simulated thread of its own behind in-memory pipes that
  /// carry the same framed bytes, and the process gets a made-up, stable pid. Either way,
  /// the worker is reaped as soon as it ends, and it ends when its input closes.
  ///
  ///     let worker = try runtime.startWorkerProcess(launch)
  ///     try worker.send(Array("hello".utf8))
  ///     print(String(decoding: try worker.receive() ?? [], as: UTF8.self))   // hello
  ///     worker.closeInput()
  ///     print(worker.waitForExit())   // exited with status 0
  ///
  /// Throws ``WorkerProcessError/cannotStart(_:reason:)`` if the executable cannot be run.
  public func startWorkerProcess(_ launch: WorkerProcessLaunch) throws -> any WorkerProcess {
    try backend.startWorkerProcess(runtime: self, launch)
  }

  /// Keeps a CPU busy for `duration`: CPU-bound work, as opposed to waiting.
  ///
  /// Live, the calling thread spins until it has used that much CPU time (scaled by the
  /// speed), which takes longer than `duration` when other work shares its core. Virtual, it
  /// holds one of the runtime's ``cpuCount`` virtual cores for that long, first waiting for one
  /// to be free, so that more computing threads than cores take longer, as on a real machine; in a
  /// simulated worker process it stops early if the process ends. This is how code that would
  /// take CPU time says so in virtual time, where running it is otherwise free.
  ///
  ///     let runtime = Runtime.virtual(cpuCount: 2)
  ///     try runtime.run {
  ///       let threads = (0..<4).map { n in runtime.spawn(name: "t\(n)") { runtime.compute(for: .seconds(1)) } }
  ///       for thread in threads { thread.join() }
  ///       print(runtime.now)   // 2.0 seconds: four seconds of work on two cores
  ///     }
  public func compute(for duration: Duration) { backend.compute(for: duration) }

  /// Accounts for CPU-bound work the caller has just really done (hashing some bytes, say):
  /// in virtual time, where running code takes no time (``RuntimeCapabilities/codeTakesTime``
  /// is false), it holds a virtual core for `duration` as ``compute(for:)`` does; live, where
  /// the work itself took real time, it does nothing.
  ///
  /// Work that reports its share as it goes (a piece of the job at a time) keeps the cores
  /// busy in the same pattern in both runtimes:
  ///
  ///     for piece in pieces {
  ///       hasher.update(piece)
  ///       runtime.accountCPU(for: .milliseconds(50))
  ///     }
  public func accountCPU(for duration: Duration) {
    if !capabilities.codeTakesTime { backend.compute(for: duration) }
  }

  /// The id of the process the calling code runs in: live, this process's (`getpid()`); in
  /// virtual time, the made-up pid of the simulated worker process whose thread calls it, or
  /// 999 for the program itself, so that what a lesson shows is the same every run.
  ///
  ///     let runtime = Runtime.virtual()
  ///     try runtime.run { print(runtime.processID) }   // 999
  public var processID: Int32 { backend.processID }
}
