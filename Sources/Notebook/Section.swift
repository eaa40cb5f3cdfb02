/// A notebook page: a numbered section of the chapter, as prose and cells in reading order.
///
/// Its title and prose are ``Localized``: each English text with its Korean one beside it.
/// A section value reads in one ``language`` (English unless made with ``reading(in:)``),
/// which is the language of ``title``, of the prose the runner shows and of the notes its
/// environment writes; renderers that have words of their own find it there too.
///
///     let section = Section(
///       id: "17.4",
///       title: Localized(en: "Experimenting with Executor.map", ko: "Executor.map 실험하기"),
///       blocks: [
///         .prose(en: "Executor.map returns at once…", ko: "Executor.map은 바로 반환하고…"),
///         .cell(Cell(name: "loiter", source: "func loiter…", run: {})),
///       ])
///     section.title                          // "Experimenting with Executor.map"
///     section.reading(in: .korean).title     // "Executor.map 실험하기"
public struct Section: Sendable {
  /// The section number, as the command line takes it (`17.4`).
  public let id: String
  /// The section's title in every language.
  public let localizedTitle: Localized
  /// The language this section value reads in: its title, its prose, its notes.
  public private(set) var language: Language = .english
  /// The section's title, in ``language``.
  public var title: String { localizedTitle.text(in: language) }
  /// Prose, cells and listings, in order.
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
    id: String, title: Localized, prepare: Prepare? = nil, parameters: [Parameter] = [],
    blocks: [Block], invariants: [Invariant] = []
  ) {
    self.parameters = parameters
    self.id = id
    self.localizedTitle = title
    self.prepare = prepare
    self.blocks = blocks
    self.invariants = invariants
  }

  /// Makes a section whose title is in English only, until its Korean is written (a test of
  /// the catalogue fails until it is).
  public init(
    id: String, title: String, prepare: Prepare? = nil, parameters: [Parameter] = [],
    blocks: [Block], invariants: [Invariant] = []
  ) {
    self.init(
      id: id, title: Localized(en: title), prepare: prepare, parameters: parameters,
      blocks: blocks, invariants: invariants)
  }

  /// The same section, reading in `language`.
  ///
  ///     Catalog.section("17.4")?.reading(in: .korean).title   // "Executor.map 실험하기"
  public func reading(in language: Language) -> Section {
    var copy = self
    copy.language = language
    return copy
  }

  /// The prose blocks alone, in order, in every language.
  public var prose: [Localized] {
    blocks.compactMap {
      if case .prose(let text) = $0 { return text }
      return nil
    }
  }

  /// The listings alone, in order: code shown and not run.
  public var listings: [Listing] {
    blocks.compactMap {
      if case .listing(let listing) = $0 { return listing }
      return nil
    }
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
  /// Explanation, in the project's own words, already wrapped into lines (of at most 80
  /// columns as ``DisplayWidth`` counts them), in English and Korean.
  case prose(Localized)
  /// Code that is shown and then run.
  case cell(Cell)
  /// Code that is shown and not run, with the fixed text it gives (a program the compiler
  /// refuses, and what the compiler says).
  case listing(Listing)

  /// A paragraph of prose with its English and Korean texts side by side.
  public static func prose(en english: String, ko korean: String) -> Block {
    .prose(Localized(en: english, ko: korean))
  }
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
