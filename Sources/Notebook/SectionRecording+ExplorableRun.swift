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

  /// Each cell that ran, as `In [n]`, with the decisions made while it ran and its output.
  ///
  ///     recording.parts.map(\.label)   // ["In [1]", "In [2]", "In [3]"]
  public var parts: [ExplorablePart] {
    let decisions = schedule?.decisions ?? []
    return cells.map { cell in
      let range = cell.decisions.map { $0.clamped(to: decisions.indices) } ?? 0..<0
      return ExplorablePart(
        label: "In [\(cell.number)]", decisions: decisions[range], output: cell.output)
    }
  }
}
