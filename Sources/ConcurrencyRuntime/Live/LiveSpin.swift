#if canImport(Glibc)
  import Glibc
#endif

/// Brief busy-waiting before a live thread blocks. Sleeping on a futex and being woken cost a
/// system call on each side and a context switch, several microseconds, while a short task or
/// the next submission often arrives within one.
enum LiveSpin {
  /// How many times to poll. Each poll is followed by `sched_yield`, which hands the core to
  /// any other runnable thread (on a small machine, often the very thread being waited for) and
  /// returns at once otherwise: 64 rounds are some 10–50 µs on an idle core.
  static let rounds = 64

  static func poll(until ready: () -> Bool) -> Bool {
    for _ in 0..<rounds {
      if ready() { return true }
      sched_yield()
    }
    return ready()
  }
}
