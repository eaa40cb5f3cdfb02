import CommandLineKit
import Lessons
import Notebook

/// `--set NAME=VALUE` (repeatable) and, for `lessons` itself, `--params`: the knobs of the
/// sections a command runs, shared by `lessons` and `lessons explore`.
///
/// The form of each `--set` is checked as it is read; whether its name and value fit the
/// sections named is checked once every argument is read (``check(sections:)``), so that
/// `lessons all --set workers=5` applies to the sections that have the knob.
struct ParameterOptions {
  /// What `--set` asked for, in order.
  var settings = ParameterSettings()
  /// `--params`: list the knobs instead of running.
  var list = false

  /// `--set`, and `--params` unless `listing` is false.
  static func options(listing: Bool = true) -> [Option<ParameterOptions>] {
    var options: [Option<ParameterOptions>] = [
      .value(
        "--set", valueName: "NAME=VALUE",
        help:
          "run with a knob of the section changed, such as workers=5 for 17.4 (repeat it for "
          + "more; see --params); the run's header says what changed",
        parser: .assignment,
        action: { options, assignment in
          options.settings.assignments.append(assignment)
        })
    ]
    if listing {
      options.append(
        .flag(
          "--params",
          help: "list the knobs of the sections named (name, default, range, help); run nothing",
          set: \.list))
    }
    return options
  }

  /// Checks the settings against the sections with these ids: a usage error names the
  /// range, or the knobs there are.
  func check(sections ids: [String]) throws(UsageError) {
    do {
      try settings.check(ids.compactMap(Catalog.section))
    } catch {
      throw UsageError("\(error)")
    }
  }
}

extension ValueParser where Value == ParameterSettings.Assignment {
  /// `NAME=VALUE`, with a value that is not empty.
  static var assignment: ValueParser<ParameterSettings.Assignment> {
    ValueParser { text, _ throws(UsageError) in
      do {
        return try ParameterSettings.Assignment(parsing: text)
      } catch {
        throw UsageError("\(error)")
      }
    }
  }
}
