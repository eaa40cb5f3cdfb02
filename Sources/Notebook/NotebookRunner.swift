import ConcurrencyRuntime

/// Runs a section's cells in order inside one runtime and tells a renderer what happens.
///
/// Live, cells run on the calling thread with real OS threads and time (optionally faster);
/// virtual, the whole section runs in one deterministic simulation, so its text is the same
/// every time. Time runs on across cells, as in one notebook session.
///
/// A section with a `prepare` function gets its ``SectionEnvironment`` made before its first
/// cell (its notes shown after the heading) and torn down after its last, failing or not.
///
/// The prose is shown in the section's ``Section/language``, and the environment is told it,
/// so a section read in Korean (`section.reading(in: .korean)`) shows Korean prose and notes;
/// the cells and what they print are the same in every language.
///
///     let runner = NotebookRunner(configuration: .canonical)
///     try runner.run(section, renderer: TextRenderer.standardOutput())
public struct NotebookRunner: Sendable {
  /// The runtime cells run in.
  public let configuration: RuntimeConfiguration
  /// Where sections save the files they make; nil lets each live section make a fresh
  /// temporary folder, which it names. Virtual runs save nothing.
  public let destination: String?
  /// The knobs changed with `--set`; each section takes the ones it has.
  public var parameters: ParameterSettings
  /// Asked before each cell whether to run it (presenter mode); nil runs straight through.
  public var gate: (any CellGate)?

  /// A runner whose sections run in a runtime made from `configuration`, saving their files
  /// in `destination` (nil: a fresh temporary folder per section), with the knobs of
  /// `parameters` changed, and asking `gate` before each cell.
  public init(
    configuration: RuntimeConfiguration, destination: String? = nil,
    parameters: ParameterSettings = ParameterSettings(), gate: (any CellGate)? = nil
  ) {
    self.configuration = configuration
    self.destination = destination
    self.parameters = parameters
    self.gate = gate
  }

  /// Runs every cell of `section`, stopping at the first that throws; returns the trace of
  /// what happened (each cell between its `.cellStarted` and `.cellEnded` events).
  ///
  /// A failing cell is shown by the renderer and thrown as ``NotebookError/cellFailed``; a
  /// deadlock in virtual time is thrown as `RuntimeError.deadlock`; a section that cannot
  /// prepare its environment runs no cell and throws ``NotebookError/preparationFailed``.
  /// A setting of ``parameters`` that does not fit the section throws ``ParameterError``
  /// before anything runs, and a ``gate`` that says no throws ``StoppedBeforeCell``.
  @discardableResult
  public func run(_ section: Section, renderer: any Renderer) throws -> [TraceEvent] {
    var runtime: Runtime?
    let values = try parameters.values(for: section)
    return try run(section, values: values, renderer: renderer, runtime: &runtime)
  }

  /// Runs `section` as ``run(_:renderer:)`` does, rendering it as plain text into memory, and
  /// hands back the whole run for invariants to check: a failure is part of the recording
  /// rather than thrown.
  ///
  ///     let recording = NotebookRunner(configuration: .virtual(seed: 7)).record(section)
  ///     recording.failure          // nil
  ///     recording.cells.count      // 3
  public func record(_ section: Section) -> SectionRecording {
    let renderer = RecordingRenderer()
    var runtime: Runtime?
    var failure: String?
    var values = ParameterValues(section.parameters)
    do {
      values = try parameters.values(for: section)
      try run(section, values: values, renderer: renderer, runtime: &runtime)
    } catch {
      failure = "\(error)"
    }
    return SectionRecording(
      sectionID: section.id, cells: renderer.cells, text: renderer.rendered,
      events: runtime?.trace.events ?? [], schedule: runtime?.schedule, failure: failure,
      parameters: values)
  }

  /// ``run(_:renderer:)`` with the knobs at `values`, handing out the runtime it made, which
  /// holds the trace and the schedule even when the run throws.
  @discardableResult
  private func run(
    _ section: Section, values: ParameterValues, renderer: any Renderer,
    runtime made: inout Runtime?
  ) throws -> [TraceEvent] {
    let output: @Sendable (ConsoleOutput) -> Void = { renderer.output($0) }
    let runtime = configuration.makeRuntime(output: output)
    made = runtime
    ParameterRegistry.register(values, for: runtime)
    defer { ParameterRegistry.remove(for: runtime) }
    // The environment is made before the heading is shown, its notes held until then: a
    // section that cannot start shows nothing but its error, not a heading with nothing under.
    let notes = HeldNotes(renderer)
    let environment = try prepare(section, values: values, runtime: runtime, note: notes.note)
    renderer.begin(section)
    if let header = values.header(in: section.language) { renderer.note(header) }
    notes.release()
    defer {
      if let environment {
        EnvironmentRegistry.remove(for: runtime)
        environment.tearDown()
      }
    }
    let gate = self.gate
    try runtime.run {
      var number = 0
      var previous: (source: String, record: CellRecord)?
      let count = section.cells.count
      for block in section.blocks {
        switch block {
        case .prose(let text):
          renderer.prose(text.text(in: section.language))
        case .listing(let listing):
          renderer.listing(listing)
        case .cell(let cell):
          number += 1
          let source = values.shown(cell.source)
          renderer.cell(number, source: source)
          let cue = CellCue(
            sectionID: section.id, number: number, count: count, source: source,
            previous: previous)
          if let gate, !gate.proceed(to: cue) {
            throw StoppedBeforeCell(sectionID: section.id, number: number, count: count)
          }
          let record = try Self.run(cell, number: number, in: runtime, renderer: renderer)
          previous = (source, record)
        }
      }
    }
    renderer.end(section)
    return runtime.trace.events
  }

  /// Makes the section's environment, if it has one, and registers it for `runtime`.
  private func prepare(
    _ section: Section, values: ParameterValues, runtime: Runtime,
    note: @escaping @Sendable (String) -> Void
  ) throws -> (any SectionEnvironment)? {
    guard let prepare = section.prepare else { return nil }
    let context = SectionContext(
      sectionID: section.id, runtime: runtime, configuration: configuration,
      destination: destination, language: section.language, note: note,
      parameters: values)
    let environment: any SectionEnvironment
    do {
      environment = try prepare(context)
    } catch {
      throw NotebookError.preparationFailed(section: section.id, error: "\(error)")
    }
    EnvironmentRegistry.register(environment, for: runtime)
    return environment
  }

  /// Runs one cell between its trace events, hands the renderer its record, and returns it.
  @discardableResult
  private static func run(
    _ cell: Cell, number: Int, in runtime: Runtime, renderer: any Renderer
  ) throws -> CellRecord {
    let first = runtime.trace.count
    let start = runtime.now
    let firstDecision = runtime.schedule?.decisions.count
    runtime.trace.record(.cellStarted(number), in: runtime)
    var failure: (any Error)?
    do {
      try cell.run()
    } catch {
      failure = error
    }
    let message = failure.map { "\($0)" }
    runtime.trace.record(.cellEnded(number, failure: message), in: runtime)
    let events = runtime.trace.events(from: first)
    let output = events.map {
      if case .output(let text) = $0.kind { return text }
      return ""
    }.joined()
    let decisions = firstDecision.flatMap { first in
      runtime.schedule.map { first..<$0.decisions.count }
    }
    let record = CellRecord(
      number: number, name: cell.name, failure: message, output: output, events: events,
      start: start, end: runtime.now, decisions: decisions)
    renderer.cellEnded(record)
    if let message { throw NotebookError.cellFailed(number: number, error: message) }
    return record
  }
}

/// Why a section stopped.
public enum NotebookError: Error, Equatable, CustomStringConvertible {
  /// Cell `number` threw `error`.
  case cellFailed(number: Int, error: String)
  /// The section could not prepare what its cells need (a server, a folder).
  case preparationFailed(section: String, error: String)

  public var description: String {
    switch self {
    case .cellFailed(let number, let error): return "cell \(number) failed: \(error)"
    case .preparationFailed(let section, let error):
      return "\(section) could not start: \(error)"
    }
  }
}
