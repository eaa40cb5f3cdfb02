import ConcurrencyRuntime
import Foundation
import Notebook

/// A renderer that passes everything on to another and remembers where the run is: the
/// section showing, the cell running, how many cells have finished. What `lessons` says when
/// Ctrl-C stops a run.
///
///     let position = RunPosition(TextRenderer.standardOutput())
///     try runner.run(section, renderer: position)
///     // ^C during In [3] of 17.1, after two cells:
///     position.interruptedLine
///     // lessons: interrupted (Ctrl-C) in 17.1 at In [3]; 2 cells had run
final class RunPosition: Renderer, @unchecked Sendable {
  // The position is guarded by `lock`, hence @unchecked Sendable.
  private let wrapped: any Renderer
  private let lock = NSLock()
  private var section: String?
  private var cell: Int?
  private var cellsDone = 0
  private var sectionsDone: [String] = []

  /// The language of ``interruptedLine``.
  private let language: Language

  init(_ wrapped: any Renderer, language: Language = .english) {
    self.wrapped = wrapped
    self.language = language
  }

  /// One line saying where Ctrl-C stopped the run and what had been done by then.
  var interruptedLine: String {
    lock.withLock {
      let text = ProgramText.interrupted(
        section: section, cell: cell, cellsDone: cellsDone, sectionsDone: sectionsDone)
      return "lessons: " + text.text(in: language) + "\n"
    }
  }

  func begin(_ section: Section) {
    lock.withLock {
      self.section = section.id
      cell = nil
      cellsDone = 0
    }
    wrapped.begin(section)
  }

  func prose(_ text: String) { wrapped.prose(text) }

  func note(_ text: String) { wrapped.note(text) }

  func cell(_ number: Int, source: String) {
    lock.withLock { cell = number }
    wrapped.cell(number, source: source)
  }

  func listing(_ listing: Listing) { wrapped.listing(listing) }

  func output(_ piece: ConsoleOutput) { wrapped.output(piece) }

  func cellEnded(_ record: CellRecord) {
    wrapped.cellEnded(record)
    lock.withLock {
      cell = nil
      cellsDone += 1
    }
  }

  func end(_ section: Section) {
    wrapped.end(section)
    lock.withLock {
      sectionsDone.append(section.id)
      self.section = nil
    }
  }
}
