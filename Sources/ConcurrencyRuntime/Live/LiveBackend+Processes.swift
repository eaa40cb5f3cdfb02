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

  /// Keeps the calling thread computing until it has used `duration` of (scaled) CPU time:
  /// work that costs that much, and so takes longer on a machine busy with other work, as a
  /// real computation does, rather than a stretch of the wall clock that a preempted thread
  /// would spend partly not running.
  func compute(for duration: Duration) {
    guard duration > .zero else { return }
    let target = UInt64(clamping: LiveClock.realNanoseconds(duration, speed: speed))
    let start = Self.threadCPUNanoseconds()
    // Reading the thread's CPU clock is a system call: spin on the cheap monotonic clock in
    // short stretches, and ask the CPU clock between them how much is left.
    while true {
      let used = Self.threadCPUNanoseconds() &- start
      guard used < target else { return }
      let until = LiveClock.monotonicNanoseconds() + min(target - used, Self.stretch)
      while LiveClock.monotonicNanoseconds() < until {}
    }
  }

  /// The longest stretch `compute` spins between readings of the CPU clock, in nanoseconds.
  private static let stretch: UInt64 = 100_000

  /// The CPU time the calling thread has used, in nanoseconds.
  static func threadCPUNanoseconds() -> UInt64 {
    var now = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now)
    return UInt64(now.tv_sec) * 1_000_000_000 + UInt64(now.tv_nsec)
  }
}
