import ConcurrencyRuntime

/// What one cell did, handed to the renderer when the cell ends: its number and name, how it
/// ended, what it printed, and the trace events of its run, with their times on the runtime's
/// clock. Timelines, exports and presenter modes read this instead of the raw trace.
///
///     func cellEnded(_ record: CellRecord) {
///       print("cell \(record.number) took \(record.duration)")
///     }
///     // cell 2 took 5.0 seconds
public struct CellRecord: Sendable {
  /// The cell's number in its section, from 1 (`In [1]`).
  public var number: Int
  /// The cell's name, unique in the package.
  public var name: String
  /// Why the cell failed, or nil when it ran through.
  public var failure: String?
  /// Everything the cell printed, in order.
  public var output: String
  /// The cell's events, from its start to its end, on the runtime's clock.
  public var events: [TraceEvent]
  /// When the cell started, on the runtime's clock.
  public var start: Duration
  /// When the cell ended, on the runtime's clock.
  public var end: Duration
  /// The virtual scheduler's decisions made while the cell ran, as indices into the run's
  /// ``Schedule/decisions`` (nil live): two runs whose cell made the same decisions
  /// interleaved that cell alike.
  ///
  ///     record.decisions   // 12..<31 for 17.1's async cell under a seed
  public var decisions: Range<Int>?

  /// A record with every field given.
  public init(
    number: Int, name: String, failure: String?, output: String, events: [TraceEvent],
    start: Duration, end: Duration, decisions: Range<Int>? = nil
  ) {
    self.decisions = decisions
    self.number = number
    self.name = name
    self.failure = failure
    self.output = output
    self.events = events
    self.start = start
    self.end = end
  }

  /// How long the cell ran.
  public var duration: Duration { end - start }

  /// The task spans that started in the cell, in the order they started.
  public var spans: [TaskSpan] {
    events.compactMap {
      if case .spanStarted(let span) = $0.kind { return span }
      return nil
    }
  }
}
