import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Standard output or standard error, written with `write(2)` so that a closed pipe or a full
/// disk is an error to handle rather than a trap.
///
/// `FileHandle.write(_:)` traps on any write error, and a write into a closed pipe raises
/// `SIGPIPE`. Here a failed write becomes an ``OutputFailure``: ``write(_:)`` hands it to the
/// process's ``failureHandler`` (the `lessons` command ends quietly on a closed pipe and
/// reports a full disk in one line; the flag server keeps serving without its log), while
/// ``writeOrThrow(_:)`` throws it. `SIGPIPE` is held off for the calling thread during the
/// write, so the process's disposition of it is left alone.
///
///     StandardStream.output.write("[09:00:00] Script starting.\n")
///     // [09:00:00] Script starting.
public final class StandardStream: Sendable {
  /// The file descriptor written to.
  public let descriptor: Int32
  /// `standard output`, `standard error`: how messages name the stream.
  public let name: String

  /// Standard output.
  public static let output = StandardStream(descriptor: STDOUT_FILENO, name: "standard output")
  /// Standard error.
  public static let error = StandardStream(descriptor: STDERR_FILENO, name: "standard error")

  /// A stream on `descriptor`, which the caller keeps open.
  public init(descriptor: Int32, name: String) {
    self.descriptor = descriptor
    self.name = name
  }

  /// Whether the stream is a terminal.
  public var isTerminal: Bool { isatty(descriptor) == 1 }

  /// The terminal's width in columns now (it changes when the window is resized); nil when
  /// the stream is not a terminal or the terminal does not say.
  public var columns: Int? {
    var size = winsize()
    guard ioctl(descriptor, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
    return Int(size.ws_col)
  }

  /// Writes all of `text`; a failure goes to ``failureHandler`` and the text is dropped.
  public func write(_ text: String) {
    do {
      try writeOrThrow(text)
    } catch {
      Self.handler.withLock { $0 }(error)
    }
  }

  /// Writes all of `text`, or throws why it could not.
  public func writeOrThrow(_ text: String) throws(OutputFailure) {
    let bytes = Array(text.utf8)
    guard !bytes.isEmpty else { return }
    let failure: Int32 = bytes.withUnsafeBytes { buffer in
      PipeSignal.heldOff { POSIXWrite.all(buffer, to: descriptor) }
    }
    if failure != 0 { throw OutputFailure(stream: name, code: failure) }
  }

  /// What ``write(_:)`` does with a failure; by default nothing (the text is lost).
  ///
  /// A program sets it once, before it writes: `lessons` ends the process, the flag server
  /// carries on. It may be called from any thread, more than once.
  public static var failureHandler: @Sendable (OutputFailure) -> Void {
    get { handler.withLock { $0 } }
    set { handler.withLock { $0 = newValue } }
  }

  // An NSLock (`Protected`): the Thread Sanitizer cannot see Synchronization's Mutex on Linux.
  private static let handler = Protected<@Sendable (OutputFailure) -> Void>({ _ in })
}

/// A write to standard output or error that failed: the stream and the system's reason.
///
///     cannot write output: No space left on device
public struct OutputFailure: Error, Equatable, CustomStringConvertible, Sendable {
  /// The stream that failed (`standard output`).
  public var stream: String
  /// The `errno` of the failure.
  public var code: Int32

  /// A failure of `stream` with `errno` `code`.
  public init(stream: String, code: Int32) {
    self.stream = stream
    self.code = code
  }

  /// Whether the reader went away (a closed pipe or socket), as with `| head`.
  public var isBrokenPipe: Bool { code == EPIPE }

  /// The system's explanation, such as `No space left on device`.
  public var reason: String { POSIXWrite.describe(code) }

  /// `cannot write output: REASON`.
  public var description: String { "cannot write output: \(reason)" }
}

/// Holding `SIGPIPE` off one thread while it writes, so that writing into a closed pipe
/// returns `EPIPE` instead of killing the process, without changing the process's
/// disposition of the signal (which other code, or the shell, relies on).
enum PipeSignal {
  /// Runs `body` with `SIGPIPE` blocked on this thread; a `SIGPIPE` that `body` caused is
  /// taken off the pending set before the mask is restored.
  static func heldOff(_ body: () -> Int32) -> Int32 {
    var pipe = sigset_t()
    sigemptyset(&pipe)
    sigaddset(&pipe, SIGPIPE)
    var previous = sigset_t()
    pthread_sigmask(SIG_BLOCK, &pipe, &previous)
    var pending = sigset_t()
    sigpending(&pending)
    let alreadyPending = sigismember(&pending, SIGPIPE) == 1
    let result = body()
    if result == EPIPE && !alreadyPending {
      var now = timespec(tv_sec: 0, tv_nsec: 0)
      while sigtimedwait(&pipe, nil, &now) < 0 && errno == EINTR {}
    }
    pthread_sigmask(SIG_SETMASK, &previous, nil)
    return result
  }
}
