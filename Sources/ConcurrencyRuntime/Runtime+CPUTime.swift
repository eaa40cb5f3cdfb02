extension Runtime {
  /// The CPU time this program has used so far, on the runtime's clock: how long its threads
  /// kept cores busy, in all, as opposed to waiting.
  ///
  /// Live, it is the process's user and system time (`getrusage`), every thread's, multiplied
  /// by the speed like ``now``, so that it compares with elapsed time. Virtual, it is the time
  /// the virtual cores have been busy with ``compute(for:)``, computations under way
  /// included: everything else a simulated thread does is free, so the reading is the same
  /// every run. Take the difference of two readings to measure a piece of work:
  ///
  ///     let runtime = Runtime.virtual(cpuCount: 4)
  ///     try runtime.run {
  ///       let (t0, cpu0) = (runtime.now, runtime.cpuTime)
  ///       let threads = (0..<4).map { n in runtime.spawn(name: "t\(n)") { runtime.compute(for: .seconds(1)) } }
  ///       for thread in threads { thread.join() }
  ///       print(runtime.now - t0, runtime.cpuTime - cpu0)   // 1.0 seconds 4.0 seconds
  ///     }
  public var cpuTime: Duration { backend.cpuTime }
}
