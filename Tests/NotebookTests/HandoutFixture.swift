import ConcurrencyRuntime
import Notebook

/// A small section for the handout tests: prose full of characters that mean something in
/// Markdown and HTML, a list, a note-free quiet cell, a cell whose output needs escaping,
/// and a cell where two worker threads run a task span each (a timeline), then a cell that
/// fails.
enum HandoutFixture {
  static let prose = """
    Costs $5 * 2 for [this] <b>bold</b> & BASE_URL, `code`
    1. is no list here, and _this_ no emphasis.

    Two facts:

    - one
    - two,
      long
    """

  static let section = Section(
    id: "0.2", title: "Tags & <angles>",
    blocks: [
      .prose(Localized(en: prose)),
      .cell(Cell(name: "quiet", source: "let x = 1", run: {})),
      .cell(
        Cell(name: "markup", source: "display(\"<b> & \\\"q\\\"\")\n// ``` fence") {
          Runtime.current.console.display("<b> & \"q\" ```")
        }),
      .cell(
        Cell(name: "workers", source: "twoWorkers()") {
          let runtime = Runtime.current
          let threads = (1...2).map { n in
            runtime.spawn(name: "worker-\(n)") {
              let id = runtime.trace.startSpan(label: "job\(n)", executor: "pool", in: runtime)
              runtime.sleep(for: .seconds(n))
              runtime.console.display("job \(n) done")
              if let id { runtime.trace.endSpan(id, in: runtime) }
            }
          }
          for thread in threads { thread.join() }
        }),
    ])

  /// The section, and another with a cell that fails, recorded in virtual time.
  static func sections() throws -> [HandoutSection] {
    let recorder = HandoutRecorder()
    let runner = NotebookRunner(configuration: .canonical)
    try runner.run(section, renderer: recorder)
    _ = try? runner.run(failing, renderer: recorder)
    return recorder.sections
  }

  static let failing = Section(
    id: "0.3", title: "Failing",
    blocks: [
      .prose("It stops."),
      .cell(Cell(name: "fails", source: "throw Failure()") { throw Failure() }),
    ])

  /// A handout of the first section alone.
  static func single() throws -> Handout {
    Handout(title: nil, recording: "Recorded in virtual time.", sections: [try sections()[0]])
  }

  /// A handout of both sections, with a title of its own.
  static func both() throws -> Handout {
    Handout(title: "Two & more", recording: "Recorded in virtual time.", sections: try sections())
  }
}
