import ConcurrencyRuntime
import Flags
import Foundation
import Notebook

// What the flag sections' cells call besides the book's functions: the site they download
// from (the book's `BASE_URL` and `DEST_DIR`), the `flags2` programs as a notebook runs them
// with `!python3 flags2_threadpool.py …`, and a progress bar.

/// The site 17.1's cells download from: the section's DELAY server live, its mock in virtual
/// time; it knows the base URL, the network and the folder flags are saved in.
///
/// Outside a flag section (a cell run by hand), a mock DELAY site that saves nothing.
var site: FlagSite {
  FlagLesson.current?.site
    ?? FlagSite(
      network: MockFlagNetwork(.profile(FlagLesson.profile(.delay, seed: 0))),
      baseURL: SiteLabel.delay.url, folder: .nowhere, progress: .console(.current))
}

/// This section's site of kind `label` (`.delay`, `.error`), with room for `connections`
/// requests at once.
func flagSite(_ label: SiteLabel, connections: Int = 20) throws -> FlagSite {
  guard let lesson = FlagLesson.current else {
    throw LessonError("only a flag section's cells have flag servers")
  }
  return try lesson.site(label, connections: connections, timeout: .seconds(10))
}

/// Runs `lessons flags2 STYLE [options]` as a cell: `flags2("threadpool -s DELAY a b c")`.
///
/// The words are the command line's; `-s` picks this section's server of that kind (or its
/// mock in virtual time), flags go to the section's folder, and everything is printed on the
/// cell's console, progress bar included. `--help` prints the help.
func flags2(_ commandLine: String) throws {
  var words = commandLine.split(separator: " ").map(String.init)
  guard let word = words.first, let style = Flags2Style(rawValue: word) else {
    throw LessonError("flags2 needs a style first: \(Flags2Style.choices)")
  }
  words.removeFirst()
  let options = try Flags2Options.parse(words, style: style)
  if options.showHelp { return Runtime.current.console.write(Flags2Usage.help(style)) }
  guard let lesson = FlagLesson.current else {
    throw LessonError("only a flag section's cells have flag servers")
  }
  let site = try lesson.site(
    options.server, connections: options.concurrency, timeout: options.effectiveTimeout)
  try Flags2Program(options: options, download: .book(style)).run(on: site)
}

/// A tqdm-style progress bar of `total` steps for a cell: its last line is part of the
/// cell's output; live on a terminal it is also redrawn as it moves.
func progressBar(total: Int) -> ProgressBar {
  let output = FlagLesson.current?.progress ?? .console(.current)
  return ProgressBar(total: total, runtime: .current, output: output)
}

extension Flags2Download {
  /// The chapter's download function of `style`: `Flags2Sequential.downloadMany`,
  /// `Flags2ThreadPool.downloadMany` or `Flags2Async.supervisor`.
  public static func book(_ style: Flags2Style) -> Flags2Download {
    switch style {
    case .sequential:
      .blocking { site, codes, verbose, concurrency in
        Flags2Sequential.downloadMany(site, codes, verbose: verbose, concurrency: concurrency)
      }
    case .threadpool:
      .blocking { site, codes, verbose, concurrency in
        try Flags2ThreadPool.downloadMany(site, codes, verbose: verbose, concurrency: concurrency)
      }
    case .async:
      .async { site, codes, verbose, concurrency in
        await Flags2Async.supervisor(site, codes, verbose: verbose, concurrency: concurrency)
      }
    }
  }
}

extension Duration {
  /// The duration in seconds, as Python's `time.time()` differences are.
  var seconds: Double {
    Double(components.seconds) + Double(components.attoseconds) / 1e18
  }
}
