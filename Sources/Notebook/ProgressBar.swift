import ConcurrencyRuntime
import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A text progress bar like Python's `tqdm`, timed on the runtime's clock.
///
/// On a terminal it is redrawn in place (at most every 0.1 s of runtime time) and, as tqdm
/// does, stretched or shrunk to the terminal's width, so that a redraw never wraps; anywhere
/// else — a pipe, a file, a transcript — only its final state is written, once, with a bar of
/// ten cells. It is
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
  private var drawnWidth = 0

  /// A bar of `total` steps, timed on `runtime`'s clock, written to `output`.
  public init(total: Int, runtime: Runtime = .current, output: ProgressOutput = .standardError) {
    self.total = total
    self.runtime = runtime
    self.output = output
    self.start = runtime.now
    self.lastDraw = start
    if output.redraws { output.write(redraw(count: 0, elapsed: .zero)) }
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
      return redraw(count: done, elapsed: now - start)
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
    guard output.redraws else {
      return Self.render(count: done, total: total, elapsed: now - start) + "\n"
    }
    return redraw(count: done, elapsed: now - start) + "\n"
  }

  /// `\r` and the line fitted to the terminal's width now, padded to cover a longer line
  /// drawn before.
  private func redraw(count: Int, elapsed: Duration) -> String {
    let line = Self.render(count: count, total: total, elapsed: elapsed, columns: output.columns())
    let width = line.count
    defer { drawnWidth = width }
    return "\r" + line + String(repeating: " ", count: max(drawnWidth - width, 0))
  }

  /// The line fitted to a terminal `columns` wide, one column spare so the cursor never
  /// wraps: the bar takes the room the text leaves, as tqdm's does; with no room for a bar,
  /// the text alone, cut to fit. Nil `columns` means ten cells, as ``render(count:total:elapsed:)``.
  public static func render(count: Int, total: Int, elapsed: Duration, columns: Int?) -> String {
    guard let columns else { return render(count: count, total: total, elapsed: elapsed) }
    let (fraction, percent, meter) = parts(count: count, total: total, elapsed: elapsed)
    let room = columns - 1 - percent.count - meter.count - 2
    if room >= 1 { return percent + "|" + bar(fraction, width: room) + "|" + meter }
    return String((percent + meter).prefix(max(columns - 1, 0)))
  }

  /// tqdm's default line: percentage, a 10-cell bar, count, elapsed<remaining and rate.
  ///
  /// The rate is written as `s/it` when under one step per second, as tqdm does.
  public static func render(count: Int, total: Int, elapsed: Duration) -> String {
    let (fraction, percent, meter) = parts(count: count, total: total, elapsed: elapsed)
    return "\(percent)|\(bar(fraction))|\(meter)"
  }

  /// The fraction done, the percentage (`100%`) and the meter after the bar
  /// (` 20/20 [00:10<00:00,  1.89it/s]`).
  private static func parts(count: Int, total: Int, elapsed: Duration) -> (
    Double, String, String
  ) {
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
    return (fraction, percent, " \(count)/\(total) [\(interval(seconds))<\(remaining), \(speed)]")
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
  /// The width to fit a redrawn line to, asked at each redraw; nil for ten cells.
  public var columns: @Sendable () -> Int?

  /// An output that writes with `write`, redrawing if `redraws` in `columns` columns.
  public init(
    redraws: Bool, columns: @escaping @Sendable () -> Int? = { nil },
    write: @escaping @Sendable (String) -> Void
  ) {
    self.redraws = redraws
    self.columns = columns
    self.write = write
  }

  /// Standard error, redrawn in place, fitted to the terminal's width, only when it is a
  /// terminal.
  public static var standardError: ProgressOutput {
    ProgressOutput(
      redraws: StandardStream.error.isTerminal,
      columns: { StandardStream.error.columns },
      write: { text in StandardStream.error.write(text) })
  }

  /// The console of `runtime`: the final line only, as a transcript shows it.
  public static func console(_ runtime: Runtime) -> ProgressOutput {
    ProgressOutput(redraws: false) { text in runtime.console.write(text) }
  }

  /// Nowhere.
  public static let silent = ProgressOutput(redraws: false) { _ in }
}
