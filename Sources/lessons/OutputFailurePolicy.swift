import ConcurrencyRuntime
import Notebook
import Synchronization

#if canImport(Glibc)
  import Glibc
#endif

/// What `lessons` does when its output cannot be written, installed before anything is
/// written.
///
/// A reader that went away (`lessons 17.4 | head -1`) ends the program quietly, the Unix way:
/// killed by `SIGPIPE`, exit status 141 in the shell, whichever command was running. Any other
/// failure (`> /dev/full`) ends it with one line on standard error,
/// `lessons: cannot write output: No space left on device`, and exit status 1. Either way the
/// temporary files being written are removed first, so no half-written flag is left behind.
///
/// The flag server is the exception: its output is a log, and a server whose log is gone
/// goes on serving (``serving``).
enum OutputFailurePolicy {
  /// End the process at the first failed write.
  static let ending = ending(in: .english)

  /// End the process at the first failed write, saying why in `language`.
  static func ending(in language: Language) -> @Sendable (OutputFailure) -> Void {
    { failure in end(failure, message: ProgramText.cannotWriteOutput(failure).text(in: language)) }
  }

  /// Removes the temporary files, then ends quietly by `SIGPIPE` or with `lessons: MESSAGE`.
  private static func end(_ failure: OutputFailure, message: String) {
    TemporaryFiles.removeAll()
    if failure.isBrokenPipe {
      signal(SIGPIPE, SIG_DFL)
      var pipe = sigset_t()
      sigemptyset(&pipe)
      sigaddset(&pipe, SIGPIPE)
      pthread_sigmask(SIG_UNBLOCK, &pipe, nil)
      raise(SIGPIPE)
      _exit(128 + SIGPIPE)
    }
    try? StandardStream.error.writeOrThrow("lessons: \(message)\n")
    _exit(1)
  }

  /// Drop what cannot be written and carry on; say so once on the other stream if it can
  /// be said there.
  static let serving: @Sendable (OutputFailure) -> Void = { failure in
    guard !failure.isBrokenPipe,
      noted.compareExchange(expected: false, desired: true, ordering: .relaxed).exchanged
    else {
      return
    }
    let other =
      failure.stream == StandardStream.output.name ? StandardStream.error : StandardStream.output
    try? other.writeOrThrow("lessons serve: \(failure) (serving on without it)\n")
  }

  private static let noted = Atomic<Bool>(false)
}
