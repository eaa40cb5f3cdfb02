import ConcurrencyRuntime

/// A section's recording is what the exploration engine counts and checks: its text is its
/// transcript, and a recording with a failure did not finish.
///
///     recording.transcript == recording.text   // true
extension SectionRecording: ExplorableRun {
  /// The section as plain text, as `--virtual` prints it.
  ///
  ///     recording.transcript.hasPrefix("17.4  Experimenting with Executor.map")   // true
  public var transcript: String { text }

  /// Why the run stopped early, nil when it ran through.
  ///
  ///     recording.failureDescription   // nil
  public var failureDescription: String? { failure }
}
