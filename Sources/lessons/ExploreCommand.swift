import CommandLineKit
import ConcurrencyRuntime
import Foundation
import Lessons
import Notebook

/// `lessons explore SECTION [--seeds N] [--schedule FILE] [--save-schedule FILE]`: runs a
/// section in virtual time under many seeds, counts the distinct interleavings, and checks
/// the invariants the section declares.
///
/// Exit status 0 when every invariant held in every run, 1 when one broke (each violation is
/// printed with its seed and the command that replays it), a run did not finish (the first
/// one's seed and failure are printed) or a file could not be read or written, 2 for a usage
/// error. The exploring is ``Explorer``'s; this is its command line.
enum ExploreCommand: ParsableCommand {
  /// The section, how many seeds, and a schedule to replay instead.
  struct Options {
    var sections: [String] = []
    var seeds = 100
    var schedule: String?
    var saveSchedule: String?
    /// `--cells`: a line per cell after the summary, with its distinct schedules and outputs.
    var cells = false
    /// `--set`: the knobs changed for every run.
    var parameters = ParameterOptions()
  }

  static let name = "explore"
  static let summary = "run a section under many seeds and check its invariants"

  static var arguments: ArgumentSet<Options> {
    ArgumentSet(
      Options(),
      options: [
        .value(
          "--seeds", valueName: "N", help: "how many seeds to run, 0 to N - 1 (100 by default)",
          parser: .integer(in: 1...1_000_000), into: \.seeds),
        .value(
          "--schedule", valueName: "FILE",
          help: "replay the decisions recorded in FILE exactly, once, instead of seeds",
          parser: .string, into: \.schedule),
        .value(
          "--save-schedule", valueName: "FILE",
          help:
            "write the schedule of the first violation or unfinished run (or of the first"
            + " run, when none) to FILE, for --schedule",
          parser: .string, into: \.saveSchedule),
        .flag(
          "--cells",
          help:
            "after the summary, a line per cell: how many distinct schedules and outputs it"
            + " had (which cells the interleavings come from)",
          set: \.cells),
      ],
      positionals: [
        Positional(
          "SECTION", help: "the section to explore (such as 17.4), or all", parser: .sectionIDs,
          into: \.sections)
      ]
    ) { options throws(UsageError) in
      try options.parameters.check(sections: options.sections)
    }
    .adding(
      ParameterOptions.options(listing: false).map { $0.lifted(\Options.parameters) },
      section: "options")
  }

  static let discussion = """
    Runs SECTION in virtual time once per seed and reports how many distinct
    interleavings it met (distinct scheduling decisions, and distinct
    transcripts). Every run is checked against the invariants the section
    declares; a broken one is printed with the seed and the command that shows
    that run again.
    """

  static func run(_ options: Options, in program: Program) -> Int32 {
    var schedule: Schedule?
    if let path = options.schedule {
      do {
        schedule = try Schedule(text: try String(contentsOfFile: path, encoding: .utf8))
      } catch let error as ScheduleFormatError {
        program.writeError("lessons explore: \(path): \(error)\n")
        return 1
      } catch {
        program.writeError("lessons explore: cannot read \(path)\n")
        return 1
      }
    }
    if let path = options.saveSchedule, let problem = HandoutFile(path).problem {
      program.writeError("lessons explore: cannot write \(path): \(problem)\n")
      return 1
    }
    var status: Int32 = 0
    var firstRun: Schedule?
    var firstViolation: Schedule?
    for id in options.sections {
      guard let section = Catalog.section(id) else { return 2 }
      let explorer = Explorer(section: section, parameters: options.parameters.settings)
      let report =
        schedule.map { explorer.replay($0) }
        ?? explorer.explore(seeds: 0..<UInt64(options.seeds))
      program.write(report.summary)
      if options.cells { program.write(report.cellLines) }
      if !report.violations.isEmpty || !report.unfinished.isEmpty { status = 1 }
      firstRun = firstRun ?? report.firstSchedule
      firstViolation =
        firstViolation ?? report.violations.first?.schedule ?? report.unfinished.first?.schedule
    }
    if let path = options.saveSchedule, let toSave = firstViolation ?? firstRun {
      do {
        try HandoutFile(path).write(toSave.text)
        program.write("  schedule written to \(path)\n")
      } catch {
        program.writeError("lessons explore: cannot write \(path)\n")
        return 1
      }
    }
    return status
  }
}
