import Foundation

/// One piece of console output: what was written, when, and by which thread or task.
public struct ConsoleOutput: Sendable, Equatable {
  /// Time on the runtime's clock when it was written.
  public var time: Duration
  /// The writing thread, or the task name when async code wrote it.
  public var thread: String
  /// The text exactly as written, newline included if there was one.
  public var text: String

  /// A piece of output.
  public init(time: Duration, thread: String, text: String) {
    self.time = time
    self.thread = thread
    self.text = text
  }
}

/// The console of a runtime: `display` stamps lines with `[HH:MM:SS]` (or another
/// ``StampStyle``, chosen when the runtime is made), `write` prints as is.
///
/// Each call is written whole, so lines from different threads never tear apart; the order of
/// calls from different threads is whatever the threads did.
///
///     runtime.console.display("Script starting.")
///     // [09:00:00] Script starting.
public final class Console: @unchecked Sendable {
  private let lock = NSLock()
  private let trace: Trace
  private let output: @Sendable (ConsoleOutput) -> Void
  unowned(unsafe) var runtime: Runtime!

  /// How `display` stamps its lines.
  ///
  ///     Runtime.virtual(stamps: .elapsed).console.stamps   // .elapsed
  public let stamps: StampStyle

  init(
    trace: Trace, stamps: StampStyle = .seconds,
    output: @escaping @Sendable (ConsoleOutput) -> Void
  ) {
    self.trace = trace
    self.stamps = stamps
    self.output = output
  }

  /// Writes `[HH:MM:SS] text` (stamped in the console's ``stamps`` style) and a newline.
  public func display(_ text: String) {
    let stamp =
      stamps == .seconds
      ? runtime.timeOfDay.description
      : stamps.stamp(elapsed: runtime.now, startOfDay: runtime.backend.startOfDay)
    write("[\(stamp)] \(text)\n")
  }

  /// Writes `text` exactly, without a stamp or an added newline (Python's `print(x, end='')`).
  public func write(_ text: String) {
    let piece = ConsoleOutput(
      time: runtime.now, thread: Trace.currentActor(runtime), text: text)
    lock.lock()
    trace.record(TraceEvent(time: piece.time, actor: piece.thread, kind: .output(text)))
    output(piece)
    lock.unlock()
    // The shared runtime is what `Runtime.current` gives a thread of no run: a Dispatch
    // block or a Foundation thread started by a virtual run writing here is that run's
    // escape, which the run reports rather than losing the line.
    if runtime === Runtime.shared, !ThreadContext.isInstalled {
      Scheduler.reportStrayOutput(text)
    }
    runtime.yieldPoint()
  }

  /// Writes each piece to standard output as it comes, unbuffered (see ``StandardStream``
  /// for what happens when it cannot be written).
  public static let standardOutput: @Sendable (ConsoleOutput) -> Void = { piece in
    StandardStream.output.write(piece.text)
  }
}
