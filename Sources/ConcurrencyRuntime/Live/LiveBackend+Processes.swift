#if canImport(Glibc)
  import Glibc
#endif

extension LiveBackend {
  func startWorkerProcess(runtime: Runtime, _ launch: WorkerProcessLaunch) throws
    -> any WorkerProcess
  {
    try LiveWorkerProcess(launch: launch, trace: runtime.trace, clock: clock)
  }

  /// This process's id.
  var processID: Int32 { getpid() }

  /// Keeps the calling thread's CPU busy for `duration` of (scaled) time.
  func compute(for duration: Duration) {
    guard duration > .zero else { return }
    let deadline = clock.elapsed + duration
    while clock.elapsed < deadline {}
  }
}
