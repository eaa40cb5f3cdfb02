import ConcurrencyRuntime

/// A recorded run is what the exploration engine counts and checks: its output is its
/// transcript, and a run with a ``RunFailure`` did not finish.
///
///     RecordedRun.record { Runtime.current.console.display("hi") }.transcript
///     // "[09:00:00] hi\n"
extension RecordedRun: ExplorableRun {
  /// The run's output.
  ///
  ///     run.transcript == run.output   // true
  public var transcript: String { output }

  /// The failure's one line, nil when the run finished.
  ///
  ///     RecordedRun.record { throw Broken() }.failureDescription
  ///     // "the body threw Broken: Broken()"
  public var failureDescription: String? { failure?.description }
}
