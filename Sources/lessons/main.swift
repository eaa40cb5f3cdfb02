import Foundation

// The `lessons` command: see `LessonsCommand` and `lessons --help`.
exit(LessonsCommand.run(Array(CommandLine.arguments.dropFirst())))
