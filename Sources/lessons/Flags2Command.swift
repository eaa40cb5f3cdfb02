import CommandLineKit
import ConcurrencyRuntime
import Flags
import Foundation
import Lessons

#if canImport(Glibc)
  import Glibc
#endif

/// `lessons flags2 sequential|threadpool|async [options] [CC ...]`: the book's `flags2`
/// programs, downloading with the chapter's own functions (the 17.5 lesson's cells).
///
/// Usage errors print the book's `*** Usage error: …` line and the usage on standard error
/// and return 2; `--help` prints the help and returns 0; otherwise the download's status
/// (130 after Ctrl-C, which lets the downloads under way finish and reports the rest as
/// interrupted).
/// Its first word picks the style, so it reads its words itself before handing the rest to
/// ``Flags2Options/parse(_:style:)``.
enum Flags2Command: Command {
  static let name = "flags2"
  static let summary = "the book's flag downloader (see 'lessons flags2 --help')"

  static func main(_ arguments: [String], in program: Program) -> Int32 {
    guard let word = arguments.first else {
      return usageError("choose a download style: \(Flags2Style.choices)", style: nil, program)
    }
    if word == "-h" || word == "--help" {
      program.write(Flags2Usage.help(nil))
      return 0
    }
    guard let style = Flags2Style(rawValue: word.lowercased()) else {
      let message = "unknown style '\(word)': choose \(Flags2Style.choices)"
      return usageError(message, style: nil, program)
    }
    let options: Flags2Options
    do {
      options = try Flags2Options.parse(Array(arguments.dropFirst()), style: style)
    } catch {
      return usageError(error.message, style: style, program)
    }
    if options.showHelp {
      program.write(Flags2Usage.help(style))
      return 0
    }
    // Ctrl-C stops new downloads; the footer reports them and the status is 130.
    Interrupt.install()
    Interrupt.onInterrupt {
      StandardStream.error.write(
        (isatty(STDERR_FILENO) != 0 ? "\n" : "")
          + "Stopping after the downloads under way (Ctrl-C again to stop at once).\n")
    }
    return Flags2Program(options: options, download: .book(style)).run()
  }

  /// Prints `*** Usage error: message` and the usage on standard error; returns 2.
  private static func usageError(_ message: String, style: Flags2Style?, _ program: Program)
    -> Int32
  {
    program.writeError("*** Usage error: \(message)\n" + Flags2Usage.usage(style))
    return 2
  }
}
