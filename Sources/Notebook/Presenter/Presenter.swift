import ConcurrencyRuntime

/// Presenter mode (`lessons 17.4 --step`): before each cell, with its code on the screen,
/// waits for a key. Enter (or space, n, →, Page Down) runs the cell; b (←, Page Up) shows the
/// cell before it again, its code and what it printed; q (Esc, Ctrl-C, Ctrl-D) stops the run
/// before the cell, which the runner reports as ``StoppedBeforeCell``.
///
/// The prompt is one line, written where the keys are read from and wiped before anything
/// else is written, so that the page stays as it would be without it. Keys come from a
/// ``KeySource``: a terminal (``TerminalKeys``) or, in tests, a script.
///
///     let presenter = Presenter(keys: TerminalKeys(), style: .color) { text in
///       StandardStream.output.write(text)
///     }
///     let runner = NotebookRunner(configuration: .canonical, gate: presenter)
///     // … In [1]:
///     //     func loiter(_ n: Int) -> Int { …
///     // In [1] is next.  Enter: run it   q: quit
public final class Presenter: CellGate, Sendable {
  private let keys: any KeySource
  private let style: TextRenderer.Style
  private let output: @Sendable (String) -> Void
  private let prompt: PromptLine

  /// A presenter that reads `keys`, shows earlier cells again through `output` in `style`,
  /// and shows its prompt on `prompt`.
  public init(
    keys: any KeySource, style: TextRenderer.Style, prompt: PromptLine = .standardError,
    output: @escaping @Sendable (String) -> Void
  ) {
    self.keys = keys
    self.style = style
    self.prompt = prompt
    self.output = output
  }

  /// A presenter reading keys from the terminal on standard input, prompting on standard
  /// error, and showing earlier cells again on standard output in `style`.
  public static func standardOutput(style: TextRenderer.Style) -> Presenter {
    Presenter(keys: TerminalKeys(), style: style) { StandardStream.output.write($0) }
  }

  /// Waits for a key: true to run the cell, false to stop; `b` shows the previous cell and
  /// this one's code again, and waits once more.
  public func proceed(to cue: CellCue) -> Bool {
    while true {
      prompt.show(Self.promptText(cue, color: style == .color))
      let key = keys.nextKey()
      prompt.clear()
      switch key {
      case .next: return true
      case .quit: return false
      case .back: showAgain(cue)
      case .other: continue
      }
    }
  }

  /// `In [3] is next.  Enter: run it   b: In [2] again   q: quit`, within 80 columns.
  static func promptText(_ cue: CellCue, color: Bool) -> String {
    var text = "In [\(cue.number)] of \(cue.sectionID) is next.  Enter: run it   "
    if cue.number > 1 { text += "b: In [\(cue.number - 1)] again   " }
    text += "q: quit"
    return color ? "\u{1B}[7m\(text)\u{1B}[0m" : text
  }

  /// The previous cell as it ran, then the code of the cell about to run.
  private func showAgain(_ cue: CellCue) {
    let renderer = TextRenderer(style: style, write: output)
    guard let previous = cue.previous else {
      renderer.note("In [\(cue.number)] is the first cell of \(cue.sectionID).")
      return
    }
    renderer.note("Again, In [\(previous.record.number)] and what it printed:")
    renderer.cell(previous.record.number, source: previous.source)
    if !previous.record.output.isEmpty {
      renderer.output(
        ConsoleOutput(time: previous.record.end, thread: "", text: previous.record.output))
    }
    renderer.cellEnded(previous.record)
    renderer.note("Next:")
    renderer.cell(cue.number, source: cue.source)
  }
}

/// The one line a presenter asks on: shown without a newline, then wiped (on a terminal) or
/// ended (elsewhere) once a key came.
public struct PromptLine: Sendable {
  /// Writes the prompt.
  public var show: @Sendable (String) -> Void
  /// Takes it away again.
  public var clear: @Sendable () -> Void

  /// A prompt line made of these two.
  public init(
    show: @escaping @Sendable (String) -> Void, clear: @escaping @Sendable () -> Void
  ) {
    self.show = show
    self.clear = clear
  }

  /// On standard error, wiped with `\r` and an erase-line sequence when it is a terminal.
  public static let standardError = PromptLine(
    show: { StandardStream.error.write($0) },
    clear: {
      StandardStream.error.write(StandardStream.error.isTerminal ? "\r\u{1B}[2K" : "\n")
    })
}

/// A key as the presenter reads it.
public enum PresenterKey: Sendable, Equatable {
  /// Run the cell.
  case next
  /// Show the previous cell again.
  case back
  /// Stop here (also the end of the input).
  case quit
  /// A key that means nothing here.
  case other
}

/// Where a presenter's keys come from.
public protocol KeySource: Sendable {
  /// Blocks until the next key; ``PresenterKey/quit`` at the end of the input.
  func nextKey() -> PresenterKey
}
