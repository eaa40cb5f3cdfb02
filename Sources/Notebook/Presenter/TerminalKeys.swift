import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Keys read one at a time from a terminal on standard input, for presenter mode.
///
/// While it waits for a key the terminal is put in non-canonical mode without echo or
/// signal keys, so a key counts without Enter and Ctrl-C arrives as a key (quit) instead of
/// killing the program with the terminal left that way. The terminal's own settings come
/// back as soon as the key is read, on every path: after the read, and from a handler when
/// `SIGTERM` or `SIGHUP` ends the program mid-wait. Keys typed while a cell ran are dropped
/// rather than taken as answers to the next prompt.
///
///     let keys = TerminalKeys()
///     keys.nextKey()   // .next after Enter
public struct TerminalKeys: KeySource {
  private let descriptor: Int32

  /// Keys from standard input, which must be a terminal (``isAvailable``).
  public init() {
    descriptor = STDIN_FILENO
    RawModeGuard.installHandlers()
  }

  /// Whether standard input is a terminal, as presenter mode needs.
  public static var isAvailable: Bool { isatty(STDIN_FILENO) == 1 }

  /// Waits for one key press; the end of the input, or a terminal that cannot be set up,
  /// is ``PresenterKey/quit``.
  public func nextKey() -> PresenterKey {
    var saved = termios()
    guard tcgetattr(descriptor, &saved) == 0 else { return .quit }
    var raw = saved
    raw.c_lflag &= ~tcflag_t(ICANON | ECHO | ISIG)
    withUnsafeMutableBytes(of: &raw.c_cc) { cc in
      cc[Int(VMIN)] = 1
      cc[Int(VTIME)] = 0
    }
    RawModeGuard.enter(saved)
    defer { RawModeGuard.leave(descriptor) }
    guard tcsetattr(descriptor, TCSAFLUSH, &raw) == 0 else { return .quit }
    var buffer = [UInt8](repeating: 0, count: 16)
    while true {
      let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
      if count > 0 { return Self.key(Array(buffer.prefix(count))) }
      if count < 0 && errno == EINTR { continue }
      return .quit
    }
  }

  /// What the bytes of one key press mean: Enter, space, n, → and Page Down run the cell;
  /// b, ← and Page Up go back; q, Esc, Ctrl-C and Ctrl-D quit.
  static func key(_ bytes: [UInt8]) -> PresenterKey {
    switch bytes {
    case [0x0D], [0x0A], [0x20], [UInt8(ascii: "n")], [0x1B, 0x5B, 0x43], [0x1B, 0x5B, 0x36, 0x7E]:
      return .next
    case [UInt8(ascii: "b")], [0x1B, 0x5B, 0x44], [0x1B, 0x5B, 0x35, 0x7E]:
      return .back
    case [UInt8(ascii: "q")], [UInt8(ascii: "Q")], [0x1B], [0x03], [0x04]:
      return .quit
    default:
      return .other
    }
  }
}

/// The terminal settings to put back, kept where a signal handler can reach them.
///
/// The handler may only make async-signal-safe calls: it puts the settings back with
/// `tcsetattr`, restores the signal's default action and raises it again, so the program
/// ends as it would have, with its terminal as it found it.
private enum RawModeGuard {
  nonisolated(unsafe) static var saved = termios()
  nonisolated(unsafe) static var active: sig_atomic_t = 0
  private static let installed = Installation()

  static func installHandlers() { _ = installed }

  static func enter(_ settings: termios) {
    saved = settings
    active = 1
  }

  static func leave(_ descriptor: Int32) {
    _ = tcsetattr(descriptor, TCSANOW, &saved)
    active = 0
  }

  /// Installs the handlers once.
  private final class Installation: Sendable {
    init() {
      _ = RawModeGuard.saved
      _ = RawModeGuard.active
      // A program started from a thread that blocks them (as Dispatch's threads do) would
      // inherit them blocked, and never run the handler.
      var unblock = sigset_t()
      sigemptyset(&unblock)
      for number in [SIGTERM, SIGHUP] {
        sigaddset(&unblock, number)
        signal(number) { number in
          if RawModeGuard.active != 0 {
            _ = tcsetattr(STDIN_FILENO, TCSANOW, &RawModeGuard.saved)
          }
          signal(number, SIG_DFL)
          raise(number)
        }
      }
      pthread_sigmask(SIG_UNBLOCK, &unblock, nil)
    }
  }
}
