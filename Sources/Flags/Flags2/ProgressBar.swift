import Foundation
import Runtime

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A text progress bar like Python's `tqdm`, timed on the runtime's clock.
///
/// On a terminal it is redrawn in place (at most every 0.1 s of runtime time); anywhere
/// else — a pipe, a file, a transcript — only its final state is written, once. It is
/// complete, and writes its last line, when ``update(_:)`` reaches ``total``, or at
/// ``close()`` if the work stopped short.
///
///     let bar = ProgressBar(total: 20)
///     for _ in 0..<20 { download(); bar.update() }
///     // 100%|██████████| 20/20 [00:10<00:00,  1.89it/s]
public final class ProgressBar: @unchecked Sendable {
  /// How many steps make 100%.
  public let total: Int

  private let runtime: Runtime
  private let output: ProgressOutput
  private let start: Duration
  private let lock = NSLock()
  private var done = 0
  private var lastDraw: Duration
  private var closed = false

  /// A bar of `total` steps, timed on `runtime`'s clock, written to `output`.
  public init(total: Int, runtime: Runtime = .current, output: ProgressOutput = .standardError) {
    self.total = total
    self.runtime = runtime
    self.output = output
    self.start = runtime.now
    self.lastDraw = start
    if output.redraws { output.write("\r" + Self.render(count: 0, total: total, elapsed: .zero)) }
  }

  /// Steps completed so far.
  public var count: Int { lock.withLock { done } }

  /// The bar as it would be drawn now.
  public var line: String {
    lock.withLock { Self.render(count: done, total: total, elapsed: runtime.now - start) }
  }

  /// Records `steps` more steps done; redraws on a terminal, finishes at ``total``.
  public func update(_ steps: Int = 1) {
    let now = runtime.now
    let text: String? = lock.withLock {
      guard !closed else { return nil }
      done += steps
      if done >= total { return finish(now: now) }
      guard output.redraws, now - lastDraw >= .milliseconds(100) else { return nil }
      lastDraw = now
      return "\r" + Self.render(count: done, total: total, elapsed: now - start)
    }
    if let text { output.write(text) }
  }

  /// Writes the final state and a newline, unless already done; later updates are ignored.
  public func close() {
    let now = runtime.now
    let text = lock.withLock { closed ? nil : finish(now: now) }
    if let text { output.write(text) }
  }

  /// Marks the bar closed and returns its last line. Lock held.
  private func finish(now: Duration) -> String {
    closed = true
    let line = Self.render(count: done, total: total, elapsed: now - start)
    return (output.redraws ? "\r" : "") + line + "\n"
  }

  /// tqdm's default line: percentage, a 10-cell bar, count, elapsed<remaining and rate.
  ///
  /// The rate is written as `s/it` when under one step per second, as tqdm does.
  public static func render(count: Int, total: Int, elapsed: Duration) -> String {
    let fraction = total > 0 ? min(max(Double(count) / Double(total), 0), 1) : 0
    let seconds = Self.seconds(elapsed)
    let rate: Double? = seconds > 0 ? Double(count) / seconds : nil
    let remaining: String
    if let rate, rate > 0 {
      remaining = interval(Double(max(total - count, 0)) / rate)
    } else {
      remaining = "?"
    }
    let speed: String
    if let rate, rate > 0, rate < 1 {
      speed = String(format: "%5.2f", 1 / rate) + "s/it"
    } else {
      speed = (rate.map { String(format: "%5.2f", $0) } ?? "?") + "it/s"
    }
    let percent = String(format: "%3.0f%%", fraction * 100)
    return "\(percent)|\(bar(fraction))| \(count)/\(total) "
      + "[\(interval(seconds))<\(remaining), \(speed)]"
  }

  /// Ten cells of full blocks and one partial block in eighths.
  static func bar(_ fraction: Double, width: Int = 10) -> String {
    let eighths = Int(fraction * Double(width * 8))
    let full = min(eighths / 8, width)
    var text = String(repeating: "█", count: full)
    if full < width {
      text.append(Self.partials[eighths % 8])
      text += String(repeating: " ", count: width - full - 1)
    }
    return text
  }

  private static let partials: [Character] = [" ", "▏", "▎", "▍", "▌", "▋", "▊", "▉"]

  /// `mm:ss`, or `h:mm:ss` from an hour on, of whole seconds.
  static func interval(_ seconds: Double) -> String {
    let whole = Int(seconds.isFinite ? max(seconds, 0) : 0)
    let (hours, minutes, secs) = (whole / 3600, whole / 60 % 60, whole % 60)
    if hours > 0 { return String(format: "%d:%02d:%02d", hours, minutes, secs) }
    return String(format: "%02d:%02d", minutes, secs)
  }

  static func seconds(_ duration: Duration) -> Double {
    let (whole, attoseconds) = duration.components
    return Double(whole) + Double(attoseconds) / 1e18
  }
}

/// Where a ``ProgressBar`` writes, and whether it may redraw in place.
public struct ProgressOutput: Sendable {
  /// Redraw the line in place with `\r` (terminals only); otherwise write the final line once.
  public var redraws: Bool
  /// Writes a piece of text, exactly.
  public var write: @Sendable (String) -> Void

  /// An output that writes with `write`, redrawing if `redraws`.
  public init(redraws: Bool, write: @escaping @Sendable (String) -> Void) {
    self.redraws = redraws
    self.write = write
  }

  /// Standard error, redrawn in place only when it is a terminal.
  public static var standardError: ProgressOutput {
    ProgressOutput(redraws: isatty(STDERR_FILENO) == 1) { text in
      FileHandle.standardError.write(Data(text.utf8))
    }
  }

  /// The console of `runtime`: the final line only, as a transcript shows it.
  public static func console(_ runtime: Runtime) -> ProgressOutput {
    ProgressOutput(redraws: false) { text in runtime.console.write(text) }
  }

  /// Nowhere.
  public static let silent = ProgressOutput(redraws: false) { _ in }
}
