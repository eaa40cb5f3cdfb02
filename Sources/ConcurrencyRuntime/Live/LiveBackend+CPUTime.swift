#if canImport(Glibc)
  import Glibc
#endif

extension LiveBackend {
  /// The process's user and system CPU time (`getrusage(RUSAGE_SELF)`), scaled by the speed.
  var cpuTime: Duration {
    var usage = rusage()
    guard getrusage(RUSAGE_SELF.rawValue, &usage) == 0 else { return .zero }
    let microseconds =
      Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1e6
      + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec)
    return .nanoseconds(Int64(min(microseconds * 1000 * speed, 9.2e18)))
  }
}
