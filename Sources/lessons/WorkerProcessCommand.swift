import CommandLineKit
import ConcurrencyRuntime
import Futures
import Lessons

#if canImport(Glibc)
  import Glibc
#endif

/// `lessons worker`: a worker process of a lesson's process pool, which the pool starts (this
/// very executable, `WorkerCommand.currentExecutable()`) and talks to through pipes. Hidden:
/// it is not for people to run.
///
/// It hosts ``LessonWorkers/registry`` (`WorkerHost.run(registry:name:)`): jobs in on
/// standard input, answers out on standard output, what the jobs print on standard error. It
/// exits when its input closes, which is also what happens when its parent dies, even in the
/// middle of a job. Input that is not a pool's jobs is one line on standard error and exit
/// status 2; so is a terminal as standard input, since nobody types jobs.
///
/// Ctrl-C at a terminal interrupts the whole foreground process group, workers included. A
/// worker leaves it to its parent: it ignores `SIGINT`, and goes as soon as the parent does,
/// removing any flag it was still writing.
///
///     // lessons worker < /dev/tty
///     // lessons worker: reads a process pool's jobs from a pipe, not from a terminal
enum WorkerProcessCommand: ParsableCommand {
  static let name = "worker"
  static let summary = "a process pool's worker (the pool starts it, not people)"
  static let isHidden = true
  static let discussion = """
    Serves the jobs of a lesson's process pool: framed messages on standard input,
    answers on standard output. The pool starts it; it is not for running by hand.
    """

  static var arguments: ArgumentSet<Void> { ArgumentSet(()) }

  static func run(_ options: Void, in program: Program) -> Int32 {
    let invocation = program.invocation(of: self)
    if isatty(STDIN_FILENO) == 1 {
      program.writeError(
        "\(invocation): reads a process pool's jobs from a pipe, not from a terminal\n")
      return 2
    }
    signal(SIGINT, SIG_IGN)
    WorkerHost.run(registry: LessonWorkers.registry, name: invocation)
  }
}
