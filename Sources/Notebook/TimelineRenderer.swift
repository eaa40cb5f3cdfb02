import ConcurrencyRuntime
import Foundation

/// A renderer that draws a ``Timeline`` after each cell that ran concurrent work, and
/// otherwise renders as the renderer it wraps: what `lessons --timeline` uses.
///
/// The chart is fitted to `width` columns: the terminal's width, or 80 when the output is
/// not a terminal.
///
///     let renderer = TimelineRenderer(TextRenderer.standardOutput(), width: 80) { text in
///       StandardStream.output.write(text)
///     }
///     try NotebookRunner(configuration: .canonical).run(section, renderer: renderer)
///     // …
///     // Timeline of In [2], 5s (= running, . waiting)
public struct TimelineRenderer: Renderer {
  private let base: any Renderer
  private let width: Int
  private let write: @Sendable (String) -> Void
  private let language = LanguageBox()

  /// Renders with `base`, and writes each cell's timeline to `write`, `width` columns wide.
  ///
  ///     TimelineRenderer(text, width: 80) { chart in StandardStream.output.write(chart) }
  public init(
    _ base: any Renderer, width: Int, write: @escaping @Sendable (String) -> Void
  ) {
    self.base = base
    self.width = width
    self.write = write
  }

  /// The terminal's width, or 80 when standard output is not a terminal.
  ///
  ///     TimelineRenderer.standardOutputWidth   // 80 in a pipe
  public static var standardOutputWidth: Int { StandardStream.output.columns ?? 80 }

  /// Renders as `base`, and draws the charts of this section in its language.
  public func begin(_ section: Section) {
    language.set(section.language)
    base.begin(section)
  }
  /// Renders as `base`.
  public func prose(_ text: String) { base.prose(text) }
  /// Renders as `base`.
  public func cell(_ number: Int, source: String) { base.cell(number, source: source) }
  /// Renders as `base`.
  public func listing(_ listing: Listing) { base.listing(listing) }
  /// Renders as `base`.
  public func output(_ piece: ConsoleOutput) { base.output(piece) }
  /// Renders as `base`, then writes the cell's chart if it ran concurrent work.
  public func cellEnded(_ record: CellRecord) {
    base.cellEnded(record)
    let timeline = Timeline(record)
    if !timeline.isEmpty {
      write(timeline.text(width: width, language: language.value) + "\n")
    }
  }
  /// Renders as `base`.
  public func end(_ section: Section) { base.end(section) }
}

/// The language of the section being rendered, set by `begin` and read as cells end, on
/// any thread.
private final class LanguageBox: @unchecked Sendable {
  private let lock = NSLock()
  private var language = Language.english

  var value: Language { lock.withLock { language } }
  func set(_ language: Language) { lock.withLock { self.language = language } }
}
