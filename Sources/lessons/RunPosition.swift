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

  init(_ wrapped: any Renderer) { self.wrapped = wrapped }

  /// One line saying where Ctrl-C stopped the run and what had been done by then.
  var interruptedLine: String {
    lock.withLock {
      var line = "lessons: interrupted (Ctrl-C)"
      if let section {
        line += " in \(section)"
        if let cell { line += " at In [\(cell)]" }
        line += "; \(cellsDone) cell\(cellsDone == 1 ? "" : "s") had run"
      } else {
        line += sectionsDone.isEmpty ? " before the first section started" : " between sections"
      }
      if !sectionsDone.isEmpty {
        line += " (finished: \(sectionsDone.joined(separator: ", ")))"
      }
      return line + "\n"
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
