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
  private let language: Language

  /// A presenter that reads `keys`, shows earlier cells again through `output` in `style`,
  /// and shows its prompt on `prompt`, its words in `language`.
  public init(
    keys: any KeySource, style: TextRenderer.Style, prompt: PromptLine = .standardError,
    language: Language = .english, output: @escaping @Sendable (String) -> Void
  ) {
    self.keys = keys
    self.style = style
    self.prompt = prompt
    self.language = language
    self.output = output
  }

  /// A presenter reading keys from the terminal on standard input, prompting on standard
  /// error, and showing earlier cells again on standard output in `style`.
  public static func standardOutput(
    style: TextRenderer.Style, language: Language = .english
  ) -> Presenter {
    Presenter(keys: TerminalKeys(), style: style, language: language) {
      StandardStream.output.write($0)
    }
  }

  /// Waits for a key: true to run the cell, false to stop; `b` shows the previous cell and
  /// this one's code again, and waits once more.
  public func proceed(to cue: CellCue) -> Bool {
    while true {
      prompt.show(Self.promptText(cue, color: style == .color, language: language))
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

  /// `In [3] of 17.4 is next.  Enter: run it   b: In [2] again   q: quit`, within 80
  /// columns.
  static func promptText(_ cue: CellCue, color: Bool, language: Language = .english) -> String {
    let number = cue.number
    let back = Localized(en: "b: In [\(number - 1)] again   ", ko: "b: In [\(number - 1)] 다시   ")
    let text =
      Localized(
        en: "In [\(number)] of \(cue.sectionID) is next.  Enter: run it   ",
        ko: "다음은 \(cue.sectionID)의 In [\(number)]입니다.  Enter: 실행   "
      ).text(in: language) + (number > 1 ? back.text(in: language) : "")
      + Localized(en: "q: quit", ko: "q: 끝내기").text(in: language)
    return color ? "\u{1B}[7m\(text)\u{1B}[0m" : text
  }

  /// The previous cell as it ran, then the code of the cell about to run.
  private func showAgain(_ cue: CellCue) {
    let renderer = TextRenderer(style: style, write: output)
    guard let previous = cue.previous else {
      renderer.note(
        Localized(
          en: "In [\(cue.number)] is the first cell of \(cue.sectionID).",
          ko: "\(cue.sectionID)의 첫 셀은 In [\(cue.number)]입니다."
        ).text(in: language))
      return
    }
    renderer.note(
      Localized(
        en: "Again, In [\(previous.record.number)] and what it printed:",
        ko: "In [\(previous.record.number)]의 코드와 출력을 다시 봅니다:"
      ).text(in: language))
    renderer.cell(previous.record.number, source: previous.source)
    if !previous.record.output.isEmpty {
      renderer.output(
        ConsoleOutput(time: previous.record.end, thread: "", text: previous.record.output))
    }
    renderer.cellEnded(previous.record)
    renderer.note(Localized(en: "Next:", ko: "다음:").text(in: language))
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
