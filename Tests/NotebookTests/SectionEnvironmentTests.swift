import ConcurrencyRuntime
import Foundation
import Notebook
import Testing

/// An environment that records what happens to it.
private final class Recorder: SectionEnvironment, @unchecked Sendable {
  let context: SectionContext
  private let lock = NSLock()
  private var log: [String] = []

  init(_ context: SectionContext) { self.context = context }

  func note(_ line: String) { lock.withLock { log.append(line) } }
  var lines: [String] { lock.withLock { log } }
  func tearDown() { note("torn down") }
}

/// Keeps the environments a section made, and what its cells saw.
private final class Made: @unchecked Sendable {
  private let lock = NSLock()
  private var kept: [Recorder] = []
  func add(_ recorder: Recorder) { lock.withLock { kept.append(recorder) } }
  var all: [Recorder] { lock.withLock { kept } }
}

private func section(
  _ made: Made, failing: Bool = false, cells: [@Sendable () throws -> Void] = []
) -> Section {
  Section(
    id: "0.9", title: "Environment",
    prepare: { context in
      let recorder = Recorder(context)
      made.add(recorder)
      context.note("Started a test server")
      if failing { throw Failure() }
      return recorder
    },
    blocks: [.prose("Words.")]
      + cells.enumerated().map { .cell(Cell(name: "c\($0.offset)", source: "x", run: $0.element)) }
  )
}

@Suite("Section environments")
struct SectionEnvironmentTests {
  @Test("cells find the environment on every thread of the run; it is torn down after them")
  func reachedAndTornDown() throws {
    let made = Made()
    let seen = section(
      made,
      cells: [
        { Recorder.current?.note("main thread") },
        {
          let runtime = Runtime.current
          runtime.spawn(name: "worker") { Recorder.current?.note("worker thread") }.join()
          _ = try runtime.runAsync { Recorder.current?.note("async task") }
        },
      ])
    for configuration in [RuntimeConfiguration.canonical, .live(speed: 100)] {
      try NotebookRunner(configuration: configuration).run(
        seen, renderer: TextRenderer(style: .plain) { _ in })
    }
    #expect(made.all.count == 2, "one environment per run")
    for recorder in made.all {
      #expect(recorder.lines == ["main thread", "worker thread", "async task", "torn down"])
    }
    #expect(Recorder.current == nil, "outside a run there is none")
  }

  @Test("the context says which section, which runtime and where files go")
  func context() throws {
    let made = Made()
    try NotebookRunner(configuration: .live(speed: 50), destination: "/tmp/flags-here").run(
      section(made), renderer: TextRenderer(style: .plain) { _ in })
    let context = try #require(made.all.first?.context)
    #expect(context.sectionID == "0.9")
    #expect(context.destination == "/tmp/flags-here")
    #expect(context.speed == 50)
    #expect(!context.configuration.isVirtual)
    try NotebookRunner(configuration: .canonical).run(
      section(made), renderer: TextRenderer(style: .plain) { _ in })
    #expect(made.all.last?.context.destination == nil)
    #expect(made.all.last?.context.speed == 1)
  }

  @Test("a failing cell still tears the environment down")
  func tornDownAfterFailure() throws {
    let made = Made()
    #expect(throws: NotebookError.cellFailed(number: 1, error: "the cell gave up")) {
      try NotebookRunner(configuration: .canonical).run(
        section(made, cells: [{ throw Failure() }]),
        renderer: TextRenderer(style: .plain) { _ in })
    }
    #expect(made.all.first?.lines == ["torn down"])
  }

  @Test("a section that cannot prepare runs no cell and says why")
  func preparationFails() throws {
    let made = Made()
    let collector = Collector()
    #expect(
      throws: NotebookError.preparationFailed(section: "0.9", error: "the cell gave up")
    ) {
      try NotebookRunner(configuration: .canonical).run(
        section(made, failing: true, cells: [{ Issue.record("a cell ran") }]),
        renderer: TextRenderer(style: .plain, write: collector.write))
    }
    #expect(!collector.text.contains("In [1]"))
    #expect(
      "\(NotebookError.preparationFailed(section: "0.9", error: "port in use"))"
        == "0.9 could not start: port in use")
  }

  @Test("notes come after the heading, before the prose")
  func notes() throws {
    let collector = Collector()
    try NotebookRunner(configuration: .canonical).run(
      section(Made()), renderer: TextRenderer(style: .plain, write: collector.write))
    #expect(
      collector.text
        == """
        0.9  Environment
        ================

        Started a test server

        Words.


        """)
  }
}
