import Runtime

/// Runs a section's cells in order inside one runtime and tells a renderer what happens.
///
/// Live, cells run on the calling thread with real OS threads and time (optionally faster);
/// virtual, the whole section runs in one deterministic simulation, so its text is the same
/// every time. Time runs on across cells, as in one notebook session.
///
///     let runner = NotebookRunner(configuration: .canonical)
///     try runner.run(section, renderer: TextRenderer.standardOutput())
public struct NotebookRunner: Sendable {
  /// The runtime cells run in.
  public let configuration: RuntimeConfiguration

  /// A runner whose sections run in a runtime made from `configuration`.
  public init(configuration: RuntimeConfiguration) { self.configuration = configuration }

  /// Runs every cell of `section`, stopping at the first that throws; returns the trace of
  /// what happened (cell starts are `.mark("cell N")` events).
  ///
  /// A failing cell is shown by the renderer and thrown as ``NotebookError/cellFailed``; a
  /// deadlock in virtual time is thrown as `RuntimeError.deadlock`.
  @discardableResult
  public func run(_ section: Section, renderer: any Renderer) throws -> [TraceEvent] {
    let output: @Sendable (ConsoleOutput) -> Void = { renderer.output($0) }
    let runtime = configuration.makeRuntime(output: output)
    renderer.begin(section)
    try runtime.run {
      var number = 0
      for block in section.blocks {
        switch block {
        case .prose(let text):
          renderer.prose(text)
        case .cell(let cell):
          number += 1
          renderer.cell(number, source: cell.source)
          runtime.trace.mark("cell \(number)", in: runtime)
          do {
            try cell.run()
          } catch {
            renderer.cellEnded(number, error: error)
            throw NotebookError.cellFailed(number: number, error: "\(error)")
          }
          renderer.cellEnded(number, error: nil)
        }
      }
    }
    renderer.end(section)
    return runtime.trace.events
  }
}

/// Why a section stopped.
public enum NotebookError: Error, Equatable, CustomStringConvertible {
  /// Cell `number` threw `error`.
  case cellFailed(number: Int, error: String)

  public var description: String {
    switch self {
    case .cellFailed(let number, let error): return "cell \(number) failed: \(error)"
    }
  }
}
