import CLinux
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Ctrl-C (`SIGINT`) as an event the program observes, instead of a death in mid-write.
///
/// ``install()`` points `SIGINT` at a C handler that only writes a byte to a pipe (the
/// self-pipe trick: nothing in the handler but `write(2)`). A watcher thread reads the pipe
/// and, on the first Ctrl-C, sets ``isRequested`` and runs the observers registered with
/// ``onInterrupt(_:)`` in order, on the watcher thread. Work that can stop early polls
/// ``isRequested`` (flags2 refuses downloads not yet started); a command that cannot unwind
/// its threads registers an observer that reports what was done and ends the process.
///
/// A second Ctrl-C does not wait for anyone: the temporary files being written are removed
/// and the process exits at once with ``exitStatus``, as an impatient user expects.
///
///     Interrupt.install()
///     Interrupt.onInterrupt { StandardStream.error.write("stopping…\n") }
///     while !Interrupt.isRequested { doOneStep() }
///     // ^C
///     // stopping…
///
/// Child processes started after ``install()`` get the default `SIGINT` back when they exec
/// (a caught signal always is), so a worker still dies of Ctrl-C like any program.
public enum Interrupt {
  /// The exit status of a program stopped by Ctrl-C: 128 + `SIGINT`, what a shell shows for
  /// a program killed by it.
  public static let exitStatus: Int32 = 128 + SIGINT

  private struct State {
    var installed = false
    var requested = false
    var observers: [@Sendable () -> Void] = []
  }

  private static let state = Protected(State())

  /// Starts turning `SIGINT` into an interrupt; calling it again does nothing. Returns false,
  /// leaving `SIGINT` as it was, when the process started with it ignored (as a shell starts
  /// background jobs, which Ctrl-C must spare) or the pipe cannot be made.
  @discardableResult
  public static func install() -> Bool {
    let fresh = state.withLock { state in
      defer { state.installed = true }
      return !state.installed
    }
    guard fresh else { return true }
    var fds: [Int32] = [-1, -1]
    guard pipe(&fds) == 0 else { return false }
    for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
    // A full pipe must never block the handler: a Ctrl-C already noted is enough.
    _ = fcntl(fds[1], F_SETFL, fcntl(fds[1], F_GETFL) | O_NONBLOCK)
    // The handler first: the watcher unblocks SIGINT, and one already pending must find it.
    // A SIGINT the process started with ignored (a background job) stays ignored.
    guard clinux_signal_to_pipe(SIGINT, fds[1]) == 0 else {
      for fd in fds { close(fd) }
      return false
    }
    let reader = fds[0]
    let watcher = Thread { watch(reader) }
    watcher.name = "interrupt watcher"
    watcher.stackSize = 256 * 1024
    watcher.start()
    return true
  }

  /// Whether Ctrl-C has been pressed (or ``request()`` called).
  public static var isRequested: Bool { state.withLock { $0.requested } }

  /// Runs `action` on the watcher thread at the first Ctrl-C; at once, on this thread, if it
  /// has already come.
  public static func onInterrupt(_ action: @escaping @Sendable () -> Void) {
    let already = state.withLock { state in
      if !state.requested { state.observers.append(action) }
      return state.requested
    }
    if already { action() }
  }

  /// Acts as a first Ctrl-C does: sets ``isRequested`` and runs the observers, once.
  public static func request() {
    let observers = state.withLock { state -> [@Sendable () -> Void] in
      guard !state.requested else { return [] }
      state.requested = true
      defer { state.observers = [] }
      return state.observers
    }
    for observer in observers { observer() }
  }

  /// Reads the pipe: the first byte is the interrupt, the second the end.
  ///
  /// The watcher unblocks `SIGINT` for itself, so that at least one thread takes it: a
  /// process can start with it blocked (a child inherits its parent thread's mask, and
  /// Dispatch's threads block nearly everything), and a blocked `SIGINT` would wait forever.
  private static func watch(_ fd: Int32) {
    var interrupt = sigset_t()
    sigemptyset(&interrupt)
    sigaddset(&interrupt, SIGINT)
    pthread_sigmask(SIG_UNBLOCK, &interrupt, nil)
    var presses = 0
    var byte: UInt8 = 0
    while true {
      let count = read(fd, &byte, 1)
      if count < 0 && errno == EINTR { continue }
      guard count == 1 else { return }
      presses += 1
      if presses == 1 {
        // The observers may take a moment (a report, a clean-up); a second press meanwhile
        // must still end the process, so they run on a thread of their own.
        let observers = Thread { request() }
        observers.name = "interrupt observers"
        observers.start()
      } else {
        TemporaryFiles.removeAll(grace: .zero)
        _exit(exitStatus)
      }
    }
  }
}
