import CommandLineKit
import ConcurrencyRuntime
import Foundation
import Lessons
import Notebook

/// `lessons [SECTION ...] [--virtual] [--seed N] [--speed X]`: the default command. Runs the
/// sections named, cell by cell, in the runtime the options choose; with none, lists them.
///
/// A usage error is one line, `lessons: MESSAGE`, with a pointer to `--help` when the
/// mistake is in the syntax; a cell that fails, a deadlock or output that cannot be written
/// exit with status 1.
enum RunCommand: ParsableCommand {
  /// The sections to run, in order, and the runtime to run them in.
  struct Options {
    var sections: [String] = []
    var runtime = RuntimeOptions()
    /// Where live flag sections save flags; nil for a fresh temporary folder.
    var destination: String?
    var timeline = false
    var timelineSVG: String?
    /// `--set` and `--params`.
    var parameters = ParameterOptions()
    /// `--step`: presenter mode.
    var step = false
    /// The language of the prose, the titles and the program's messages.
    var language = Language.english
    /// The handout to make instead of the terminal's text; nil for text.
    var format: HandoutFormat?
    /// Where the handout goes; nil for standard output.
    var output: String?
    /// Record a handout from a live run rather than in virtual time.
    var live = false
  }

  static let name = "run"
  static let summary = "run sections of the chapter"

  static var arguments: ArgumentSet<Options> {
    ArgumentSet(
      Options(),
      options: [
        .value(
          "--dest", valueName: "DIR",
          help: "save the flags of live flag sections in DIR (default: a fresh temporary "
            + "folder, named when the section starts)",
          parser: .string, into: \.destination),
        .value(
          "--lang", valueName: "LANG",
          help: "show prose, titles and messages in LANG: en (English, the default) or ko "
            + "(Korean); the code, its output and this help stay as they are",
          parser: .cases, into: \.language),
      ],
      positionals: [
        Positional(
          "SECTION", count: .zeroOrMore,
          help: "a section to run (such as 17.4), or all; with none, list them",
          parser: .sectionIDs, action: { options, ids in options.sections += ids })
      ]
    ) { options throws(UsageError) in
      if options.destination?.isEmpty == true {
        throw UsageError("--dest DIR must not be empty")
      }
      if options.timelineSVG?.isEmpty == true {
        throw UsageError("--timeline-svg FILE must not be empty")
      }
      if options.sections.isEmpty
        && (!options.runtime.isEmpty || options.timeline || options.timelineSVG != nil
          || options.destination != nil || options.format != nil || options.output != nil
          || options.live || options.step || options.parameters.list
          || !options.parameters.settings.isEmpty)
      {
        throw UsageError("name a section to run, such as 'lessons 17.4' (see 'lessons --help')")
      }
      if options.step && options.format != nil {
        throw UsageError("--step is for the terminal; a handout (--format) runs straight through")
      }
      try options.parameters.check(sections: options.sections)
      try HandoutExport.check(options)
    }
    .including(RuntimeOptions.group(), at: \.runtime)
    .adding(
      [
        .flag(
          "--timeline",
          help:
            "after each cell that ran concurrent work, draw which thread or task ran what, "
            + "when (= running, . waiting), fitted to the terminal's width (80 in a pipe)",
          set: \.timeline),
        .value(
          "--timeline-svg", valueName: "FILE",
          help:
            "write the same charts, one per cell that ran concurrent work, as a standalone "
            + "SVG picture to FILE",
          parser: .string, into: \.timelineSVG),
        .flag(
          "--step",
          help:
            "presenter mode: before each cell, with its code shown, wait for a key. "
            + "Enter (or space, n, Right, Page Down) runs the cell; b (Left, Page Up) shows "
            + "the previous cell again, with what it printed; q (Esc, Ctrl-C) stops there. "
            + "Standard input must be a terminal",
          set: \.step),
      ], section: "options"
    )
    .adding(
      ParameterOptions.options().map { $0.lifted(\Options.parameters) }, section: "options"
    )
    .adding(HandoutExport.options, section: "handouts")
  }

  static let discussion = """
    Fluent Python's chapter 17, Concurrency with Futures, as a runnable notebook.

    Each section shows its prose, then its cells as In [1], In [2], ...: the code
    of the cell, then what it prints, stamped [HH:MM:SS] as it happens. Run one
    with 'lessons 17.4', every one in order with 'lessons all'; 'lessons' alone
    lists them.
    """

  static let epilog = """
    Exit status: 0 when the section ran (or --step was told to stop), 1 when a
    cell failed, the run deadlocked or output could not be written, 2 for a usage
    error, 130 when Ctrl-C stopped it (one line on standard error says where).
    When the reader of the output goes away (as with '| head'), lessons stops at
    once, quietly.
    """

  /// Ctrl-C ends the run where it is: one line on standard error says where and what had
  /// run, the flag being saved is removed rather than left half-written, and the process
  /// exits with status 130. Cells block in threads and sleeps that cannot be unwound from
  /// outside, so the run stops as a notebook's interrupted kernel does, not cell by cell;
  /// worker processes see their input close and exit with it.
  private static func stopOnInterrupt(at position: RunPosition) {
    Interrupt.install()
    Interrupt.onInterrupt {
      let line = position.interruptedLine
      TemporaryFiles.removeAll()
      // On a terminal the line goes under the ^C, not after the half-printed line.
      StandardStream.error.write((isatty(STDERR_FILENO) != 0 ? "\n" : "") + line)
      _exit(Interrupt.exitStatus)
    }
  }

  /// `lessons: MESSAGE`, pointing to `--help` for a mistake of the syntax.
  static func usageErrorText(_ error: UsageError, in program: Program) -> String {
    usageErrorText(error, in: program, language: .english)
  }

  static func run(_ options: Options, in program: Program) -> Int32 {
    if options.language != .english {
      StandardStream.failureHandler = OutputFailurePolicy.ending(in: options.language)
    }
    guard !options.sections.isEmpty else {
      program.write(ListCommand.listing(in: options.language))
      return 0
    }
    if options.parameters.list {
      program.write(ParameterTable.text(for: options.sections.compactMap(Catalog.section)))
      return 0
    }
    if let path = options.timelineSVG, let problem = HandoutFile(path).problem {
      let message = ProgramText.cannotWriteTimeline(path, problem: problem)
      program.writeError("lessons: \(message.text(in: options.language))\n")
      return 1
    }
    if options.step && !TerminalKeys.isAvailable {
      program.writeError("lessons: \(ProgramText.stepNeedsTerminal.text(in: options.language))\n")
      return 2
    }
    if let format = options.format {
      return HandoutExport.run(format, options, in: program)
    }
    let text = TextRenderer.standardOutput()
    let runner = NotebookRunner(
      configuration: options.runtime.configuration, destination: options.destination,
      parameters: options.parameters.settings,
      gate: options.step
        ? Presenter.standardOutput(style: text.style, language: options.language) : nil)
    var renderer: any Renderer =
      options.timeline
      ? TimelineRenderer(text, width: TimelineRenderer.standardOutputWidth) { chart in
        StandardStream.output.write(chart)
      } : text
    let svg = options.timelineSVG.map { _ in TimelineSVGRenderer(renderer) }
    if let svg { renderer = svg }
    let position = RunPosition(renderer, language: options.language)
    renderer = position
    stopOnInterrupt(at: position)
    var status: Int32 = 0
    for id in options.sections {
      guard let section = Catalog.section(id)?.reading(in: options.language) else { continue }
      do {
        try runner.run(section, renderer: renderer)
      } catch let stop as StoppedBeforeCell {
        program.write(stop.text(in: options.language) + "\n")
        break
      } catch {
        // Ctrl-C is under way: its observer says where the run stopped and ends the process;
        // a cell that failed because the program is stopping is no news, so wait for that.
        while Interrupt.isRequested { pause() }
        program.writeError("lessons: \(ProgramText.runFailed(error).text(in: options.language))\n")
        status = 1
        break
      }
    }
    if let svg, let path = options.timelineSVG {
      do {
        try HandoutFile(path).write(svg.svg.document)
      } catch {
        let message = ProgramText.cannotWriteTimeline(path).text(in: options.language)
        program.writeError("lessons: \(message)\n")
        return 1
      }
    }
    return status
  }
}
