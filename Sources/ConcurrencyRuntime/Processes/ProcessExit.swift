#if canImport(Glibc)
  import Glibc
#endif

/// How a process ended: it exited with a status, or a signal killed it.
///
///     ProcessExit.exited(3).description        // "exited with status 3"
///     ProcessExit.killed(SIGKILL).description  // "was killed by signal 9 (SIGKILL)"
public enum ProcessExit: Sendable, Hashable, CustomStringConvertible {
  /// It called `exit` (or returned from `main`) with this status.
  case exited(Int32)
  /// This signal ended it.
  case killed(Int32)

  /// Decodes a `waitpid` status.
  init(waitStatus status: Int32) {
    let signal = status & 0x7f
    if signal == 0 {
      self = .exited((status >> 8) & 0xff)
    } else {
      self = .killed(signal)
    }
  }

  /// `exited with status 0`, `was killed by signal 11 (SIGSEGV)`.
  public var description: String {
    switch self {
    case .exited(let status): "exited with status \(status)"
    case .killed(let signal):
      "was killed by signal \(signal)" + (Self.signalNames[signal].map { " (\($0))" } ?? "")
    }
  }

  static let signalNames: [Int32: String] = [
    1: "SIGHUP", 2: "SIGINT", 3: "SIGQUIT", 4: "SIGILL", 5: "SIGTRAP", 6: "SIGABRT",
    7: "SIGBUS", 8: "SIGFPE", 9: "SIGKILL", 10: "SIGUSR1", 11: "SIGSEGV", 12: "SIGUSR2",
    13: "SIGPIPE", 14: "SIGALRM", 15: "SIGTERM",
  ]
}
