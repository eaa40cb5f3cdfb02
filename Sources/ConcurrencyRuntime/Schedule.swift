/// The decisions a virtual run's scheduler made, in order: enough to replay the run exactly,
/// and to tell two interleavings apart (two runs interleaved the same way made the same
/// decisions).
///
/// Each decision says how many threads it could pick from and which it picked. A run under
/// the canonical schedule decides nothing worth recording (it always picks the first);
/// a seeded run is preemptive: it may switch threads at every print, lock release, notify and
/// thread start, and records each choice. Its text form, for `--schedule FILE`:
///
///     let schedule = try Schedule(text: "lessons-schedule 1 preemptive\n0/2 1/3 0/1\n")
///     schedule.decisions.count   // 3
///     schedule.text              // "lessons-schedule 1 preemptive\n0/2 1/3 0/1\n"
public struct Schedule: Sendable, Hashable, Codable {
  /// One choice: `choice` of `options` threads, counted from the front of the run queue (a
  /// yield point counts the running thread as the last option).
  public struct Decision: Sendable, Hashable, Codable {
    /// How many threads could have been picked.
    public var options: Int
    /// The index picked, from 0 to `options - 1`.
    public var choice: Int

    /// A decision to pick `choice` of `options`.
    public init(options: Int, choice: Int) {
      self.options = options
      self.choice = choice
    }
  }

  /// Whether the run switched threads at yield points (seeded runs) or only when the running
  /// thread blocked (the canonical schedule).
  public var preemptive: Bool
  /// The decisions, in the order they were made.
  public var decisions: [Decision]

  /// A schedule of `decisions`.
  public init(preemptive: Bool, decisions: [Decision] = []) {
    self.preemptive = preemptive
    self.decisions = decisions
  }

  /// Reads the text form: a header line, then `choice/options` words separated by spaces or
  /// newlines.
  public init(text: String) throws(ScheduleFormatError) {
    var lines = text.split(whereSeparator: \.isNewline)[...]
    guard let header = lines.popFirst() else { throw ScheduleFormatError("the file is empty") }
    let words = header.split(separator: " ")
    guard words.count == 3, words[0] == Self.magic, words[1] == "1",
      ["preemptive", "canonical"].contains(words[2])
    else {
      throw ScheduleFormatError("the first line must be '\(Self.magic) 1 preemptive'")
    }
    preemptive = words[2] == "preemptive"
    decisions = []
    for word in lines.joined(separator: " ").split(separator: " ") {
      let parts = word.split(separator: "/")
      guard parts.count == 2, let choice = Int(parts[0]), let options = Int(parts[1]),
        options > 0, (0..<options).contains(choice)
      else {
        throw ScheduleFormatError("'\(word)' is not a decision such as 1/3")
      }
      decisions.append(Decision(options: options, choice: choice))
    }
  }

  /// The text form: the header, then the decisions, twenty to a line.
  public var text: String {
    var text = "\(Self.magic) 1 \(preemptive ? "preemptive" : "canonical")\n"
    var line: [String] = []
    for decision in decisions {
      line.append("\(decision.choice)/\(decision.options)")
      if line.count == 20 {
        text += line.joined(separator: " ") + "\n"
        line = []
      }
    }
    if !line.isEmpty { text += line.joined(separator: " ") + "\n" }
    return text
  }

  static let magic = "lessons-schedule"
}

/// A schedule file that cannot be read, said in one line.
public struct ScheduleFormatError: Error, Equatable, CustomStringConvertible, Sendable {
  /// What is wrong.
  public var message: String

  /// An error saying `message`.
  public init(_ message: String) { self.message = message }

  /// `not a schedule: MESSAGE`.
  public var description: String { "not a schedule: \(message)" }
}
