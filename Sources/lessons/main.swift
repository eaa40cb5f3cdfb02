import CommandLineKit
import ConcurrencyRuntime

#if canImport(Glibc)
  import Glibc
#endif

// The `lessons` command: a section's words go to `RunCommand`; `serve`, `flags2`, `explore`,
// `list` and `worker` (a process pool's worker, hidden) pick their own command. See
// `lessons --help`.
StandardStream.failureHandler = OutputFailurePolicy.ending
let program = Program(
  name: "lessons",
  commands: [
    ServeCommand.self, Flags2Command.self, ExploreCommand.self, ListCommand.self,
    WorkerProcessCommand.self,
  ],
  defaultCommand: RunCommand.self)
exit(program.main(Array(CommandLine.arguments.dropFirst())))
