import Foundation
import Lessons
import Notebook
import Runtime

/// The `lessons` command line: list sections, run them, or hand over to a subcommand.
enum LessonsCommand {
  /// Runs the command and returns its exit status: 0 done, 1 failed, 2 usage error.
  static func run(_ arguments: [String]) -> Int32 {
    switch arguments.first {
    case nil, "list":
      StandardStream.output.write(Help.listing)
      return 0
    case "serve":
      return ServeCommand.run(Array(arguments.dropFirst()))
    case "flags2":
      return Flags2Command.run(Array(arguments.dropFirst()))
    default:
      break
    }
    let options: RunOptions
    do {
      options = try RunOptions.parse(arguments)
    } catch {
      return fail(error.message, status: 2)
    }
    if options.help {
      StandardStream.output.write(Help.text)
      return 0
    }
    guard !options.sectionIDs.isEmpty else {
      return fail("name a section to run, such as 'lessons 17.4' (see 'lessons --help')", status: 2)
    }
    let runner = NotebookRunner(configuration: options.configuration)
    let renderer = TextRenderer.standardOutput()
    for id in options.sectionIDs {
      guard let section = Catalog.section(id) else { continue }
      do {
        try runner.run(section, renderer: renderer)
      } catch {
        return fail("\(error)", status: 1)
      }
    }
    return 0
  }

  /// Prints `lessons: message` on standard error and returns `status`.
  static func fail(_ message: String, status: Int32) -> Int32 {
    StandardStream.error.write("lessons: \(message)\n")
    return status
  }
}
