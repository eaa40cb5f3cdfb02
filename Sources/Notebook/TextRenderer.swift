import ConcurrencyRuntime
import Foundation

/// Renders a section as text: plain for transcripts and pipes, with ANSI colour on a terminal.
///
///     In [2]:
///         display("Script starting.")
///
///     [09:00:00] Script starting.
///
/// Plain output is what golden transcripts hold, byte for byte.
public final class TextRenderer: Renderer, @unchecked Sendable {
  /// How text is decorated.
  public enum Style: Sendable {
    /// No escape sequences at all.
    case plain
    /// ANSI colours and bold, for terminals.
    case color
  }

  /// Plain or coloured: what a presenter showing an earlier cell again matches.
  public let style: Style
  private let write: @Sendable (String) -> Void
  private let lock = NSLock()
  private var atLineStart = true
  private var cellHasOutput = false
  private var language = Language.english

  /// A renderer that hands every piece of text to `write`, in order.
  public init(style: Style, write: @escaping @Sendable (String) -> Void) {
    self.style = style
    self.write = write
  }

  /// Colour when standard output is a terminal and `NO_COLOR` is not set, plain otherwise.
  public static func standardOutput(forceColor: Bool? = nil) -> TextRenderer {
    TextRenderer(style: (forceColor ?? Terminal.wantsColor) ? .color : .plain) { text in
      StandardStream.output.write(text)
    }
  }

  /// The heading, underlined across its width in columns (a Korean title's syllables take
  /// two each).
  public func begin(_ section: Section) {
    lock.withLock { language = section.language }
    let heading = "\(section.id)  \(section.title)"
    let rule = String(repeating: "=", count: DisplayWidth.columns(of: heading))
    emit(paint(heading, .bold) + "\n" + rule + "\n\n")
  }

  public func prose(_ text: String) {
    emit(text.trimmingCharacters(in: .newlines) + "\n\n")
  }

  /// Each line of the note dimmed on a terminal, then a blank line.
  public func note(_ text: String) {
    let lines = text.trimmingCharacters(in: .newlines).split(separator: "\n")
    emit(lines.map { paint(String($0), .note) + "\n" }.joined() + "\n")
  }

  public func cell(_ number: Int, source: String) {
    let text = paint("In [\(number)]:", .prompt) + "\n" + code(source)
    lock.withLock { cellHasOutput = false }
    emit(text)
  }

  /// Laid out as a cell that ran, its file name in place of `In [n]:` and its fixed text as
  /// the output:
  ///
  ///     race.swift:
  ///         var count = 0
  ///
  ///     $ swiftc -swift-version 6 race.swift
  ///     race.swift:5:13: error: …
  public func listing(_ listing: Listing) {
    var text = paint(listing.file + ":", .prompt) + "\n" + code(listing.source)
    let output = listing.output.trimmingCharacters(in: .newlines)
    if !output.isEmpty { text += "\n" + output + "\n" }
    emit(text + "\n")
  }

  /// Each line of `source` indented by four spaces, an empty line left empty.
  private func code(_ source: String) -> String {
    var text = ""
    for line in source.split(separator: "\n", omittingEmptySubsequences: false) {
      text += line.isEmpty ? "\n" : "    " + paint(String(line), .code) + "\n"
    }
    return text
  }

  public func output(_ piece: ConsoleOutput) {
    lock.withLock {
      var text = piece.text
      var startsLine = atLineStart
      if !cellHasOutput {
        cellHasOutput = true
        text = "\n" + text
        startsLine = false
      }
      writeLocked(style == .color ? paintStamps(text, startsLine: startsLine) : text)
    }
  }

  public func cellEnded(_ record: CellRecord) {
    lock.withLock {
      var text = atLineStart ? "" : "\n"
      if let failure = record.failure {
        text +=
          (cellHasOutput ? "" : "\n")
          + paint(NotebookText.cellFailed(record.number, error: failure).text(in: language), .error)
          + "\n"
      }
      writeLocked(text + "\n")
    }
  }

  public func end(_ section: Section) {}

  // MARK: Text

  private enum Tone { case bold, prompt, code, error, note, stamp }

  private func paint(_ text: String, _ tone: Tone) -> String {
    guard style == .color else { return text }
    let code: String
    switch tone {
    case .bold: code = "1"
    case .prompt: code = "1;34"
    case .code: code = "36"
    case .error: code = "1;31"
    case .note: code = "2"
    case .stamp: code = "33"
    }
    return "\u{1B}[\(code)m\(text)\u{1B}[0m"
  }

  /// `text` with each `[HH:MM:SS]` that begins a line painted; the piece stays one write,
  /// so lines from different threads still never tear apart.
  private func paintStamps(_ text: String, startsLine: Bool) -> String {
    var result = ""
    var lineStart = startsLine
    for line in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      if line.offset > 0 {
        result += "\n"
        lineStart = true
      }
      let body = line.element
      if lineStart, body.count >= 10, Self.isStamp(body.prefix(10)) {
        result += paint(String(body.prefix(10)), .stamp) + body.dropFirst(10)
      } else {
        result += body
      }
    }
    return result
  }

  /// Whether `text` is `[HH:MM:SS]`: a stamp, coloured here and marked in a handout.
  static func isStamp(_ text: Substring) -> Bool {
    let characters = Array(text)
    guard characters.count == 10, characters[0] == "[", characters[9] == "]" else {
      return false
    }
    return [1, 2, 4, 5, 7, 8].allSatisfy { characters[$0].isASCII && characters[$0].isNumber }
      && characters[3] == ":" && characters[6] == ":"
  }

  private func emit(_ text: String) { lock.withLock { writeLocked(text) } }

  private func writeLocked(_ text: String) {
    guard !text.isEmpty else { return }
    write(text)
    atLineStart = text.hasSuffix("\n")
  }
}
