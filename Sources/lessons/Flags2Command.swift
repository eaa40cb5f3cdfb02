import Flags
import Foundation
import Lessons

/// `lessons flags2 sequential|threadpool|async [options] [CC ...]`: the book's `flags2`
/// programs, downloading with the chapter's own functions (the 17.5 lesson's cells).
///
/// Usage errors print the book's `*** Usage error: …` line and the usage on standard error
/// and return 2; `--help` prints the help and returns 0; otherwise the download's status.
enum Flags2Command {
  /// Runs the command with the arguments after `flags2`; returns the exit status.
  static func run(_ arguments: [String]) -> Int32 {
    guard let word = arguments.first else {
      return usageError("choose a download style: \(Flags2Style.choices)", style: nil)
    }
    if word == "-h" || word == "--help" {
      Flags2Program.writeStandardOutput(Flags2Usage.help(nil))
      return 0
    }
    guard let style = Flags2Style(rawValue: word.lowercased()) else {
      let message = "unknown download style '\(word)': choose \(Flags2Style.choices)"
      return usageError(message, style: nil)
    }
    let options: Flags2Options
    do {
      options = try Flags2Options.parse(Array(arguments.dropFirst()), style: style)
    } catch {
      return usageError(error.message, style: style)
    }
    if options.showHelp {
      Flags2Program.writeStandardOutput(Flags2Usage.help(style))
      return 0
    }
    return Flags2Program(options: options, download: download(style)).run()
  }

  /// The chapter's download function for `style`.
  static func download(_ style: Flags2Style) -> Flags2Download {
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

  /// Prints `*** Usage error: message` and the usage on standard error; returns 2.
  private static func usageError(_ message: String, style: Flags2Style?) -> Int32 {
    Flags2Program.writeStandardError("*** Usage error: \(message)\n" + Flags2Usage.usage(style))
    return 2
  }
}
