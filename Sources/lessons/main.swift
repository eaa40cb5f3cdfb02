import Runtime

#if canImport(Glibc)
  import Glibc
#endif

// The `lessons` command: see `LessonsCommand` and `lessons --help`.
StandardStream.failureHandler = OutputFailurePolicy.ending
exit(LessonsCommand.run(Array(CommandLine.arguments.dropFirst())))
