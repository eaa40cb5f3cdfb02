import ConcurrencyRuntime

#if canImport(Glibc)
  import Glibc
#endif

/// The blocking face's wait: the calling thread sleeps in `poll` until the socket is ready or
/// the deadline passes, using no CPU meanwhile, as `requests` does.
enum SocketPoll {
  /// True when `fd` is ready for `interest` (or has an error to report); false at `deadline`.
  static func wait(
    _ fd: Int32, _ interest: EventLoop.Interest, until deadline: ContinuousClock.Instant
  ) -> Bool {
    let events = Int16(interest == .readable ? POLLIN : POLLOUT)
    while true {
      let left = deadline - .now
      guard left > .zero else { return false }
      var ready = pollfd(fd: fd, events: events, revents: 0)
      let result = poll(&ready, 1, SocketIO.milliseconds(roundingUp: left))
      if result > 0 { return true }
      if result < 0, errno != EINTR { return true }
    }
  }
}
