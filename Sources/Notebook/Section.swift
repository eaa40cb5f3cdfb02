/// A notebook page: a numbered section of the chapter, as prose and cells in reading order.
///
///     Section(id: "17.4", title: "Experimenting with Executor.map", blocks: [
///       .prose("Executor.map returns at once…"),
///       .cell(Cell(name: "loiter", source: "func loiter…", run: {})),
///     ])
public struct Section: Sendable {
  /// The section number, as the command line takes it (`17.4`).
  public let id: String
  /// The section's title.
  public let title: String
  /// Prose and cells, in order.
  public let blocks: [Block]
  /// Prepares what the cells need for one run (servers, a folder), given the run's context;
  /// nil when they need nothing. See ``SectionEnvironment``.
  public let prepare: Prepare?

  /// How a section prepares its environment for a run; what it throws stops the run.
  public typealias Prepare = @Sendable (SectionContext) throws -> any SectionEnvironment

  /// What every valid interleaving of the section's run keeps, checked by `lessons explore`.
  public let invariants: [Invariant]

  /// The knobs its cells read (`parameters.workers`), which `--set` changes for a run.
  public let parameters: [Parameter]

  /// Makes a section; `prepare`, if given, makes its environment before each run;
  /// `invariants` are what `lessons explore` checks under every seed; `parameters` are the
  /// knobs its cells read, each with a default, a range and a line of help.
  public init(
    id: String, title: String, prepare: Prepare? = nil, parameters: [Parameter] = [],
    blocks: [Block], invariants: [Invariant] = []
  ) {
    self.parameters = parameters
    self.id = id
    self.title = title
    self.prepare = prepare
    self.blocks = blocks
    self.invariants = invariants
  }

  /// The cells alone, in order; the first is `In [1]`.
  public var cells: [Cell] {
    blocks.compactMap {
      if case .cell(let cell) = $0 { return cell }
      return nil
    }
  }
}

/// One piece of a section.
public enum Block: Sendable {
  /// Explanation, in the project's own words, already wrapped into lines.
  case prose(String)
  /// Code that is shown and then run.
  case cell(Cell)
}

/// A notebook cell: the code it shows and the closure that is that code.
///
/// The source is not written by hand: the Lessons build extracts it from the very lines that
/// compile into `run`, so what a learner reads is what runs.
public struct Cell: Sendable {
  /// A name unique in the package, which ties the source to the code.
  public let name: String
  /// The code shown under `In [n]:`.
  public let source: String
  /// Runs the cell on the current runtime's main thread.
  public let run: @Sendable () throws -> Void

  /// Makes a cell.
  public init(name: String, source: String, run: @escaping @Sendable () throws -> Void) {
    self.name = name
    self.source = source
    self.run = run
  }
}
