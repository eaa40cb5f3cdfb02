/// One named part of a run (a notebook cell, a phase of a test) that an exploration counts on
/// its own: the decisions made while it ran and what it printed, so that a report can say
/// which part the interleavings came from.
///
///     ExplorablePart(label: "In [6]", decisions: schedule.decisions[12..<31], output: "CD IN …")
public struct ExplorablePart: Sendable, Hashable {
  /// The part's name in a report (`In [6]`).
  public var label: String
  /// The scheduler's decisions made while the part ran.
  public var decisions: [Schedule.Decision]
  /// What the part printed.
  public var output: String

  /// A part named `label` that made `decisions` and printed `output`.
  public init(label: String, decisions: some Sequence<Schedule.Decision>, output: String) {
    self.label = label
    self.decisions = Array(decisions)
    self.output = output
  }
}

/// How many distinct interleavings and outputs one part of a run had, over an exploration.
///
///     findings.parts.first { $0.label == "In [6]" }?.distinctSchedules   // 100
public struct PartFindings: Sendable, Hashable {
  /// The part's name.
  public var label: String
  /// How many runs the part was met in.
  public var runs = 0
  /// How many distinct decision sequences the part made.
  public var distinctSchedules: Int { schedules.count }
  /// How many distinct outputs the part printed.
  public var distinctOutputs: Int { outputs.count }
  private var schedules = Set<[Schedule.Decision]>()
  private var outputs = Set<String>()

  /// No run counted yet for the part named `label`.
  public init(label: String) { self.label = label }

  /// Counts one run of the part.
  public mutating func add(_ part: ExplorablePart) {
    runs += 1
    schedules.insert(part.decisions)
    outputs.insert(part.output)
  }
}
