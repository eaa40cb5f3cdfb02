/// Decides, before each cell, whether a run goes on: what presenter mode (`--step`) plugs
/// into the runner to wait for the teacher.
///
/// The runner shows the cell's code, then asks the gate; a gate that says no stops the run
/// before the cell with ``StoppedBeforeCell``.
///
///     struct Always: CellGate {
///       func proceed(to cue: CellCue) -> Bool { true }
///     }
///     var runner = NotebookRunner(configuration: .canonical)
///     runner.gate = Always()
public protocol CellGate: Sendable {
  /// Whether to run the cell `cue` describes, whose code has just been shown. It may block
  /// (waiting for a key) and write (a prompt, an earlier cell again).
  func proceed(to cue: CellCue) -> Bool
}

/// The cell about to run, and the one before it, as a ``CellGate`` sees them.
public struct CellCue: Sendable {
  /// The section's id (`17.4`).
  public var sectionID: String
  /// The number of the cell about to run, from 1.
  public var number: Int
  /// How many cells the section has.
  public var count: Int
  /// Its code, as shown.
  public var source: String
  /// The cell that ran before it in this section, with the code it showed; nil before the
  /// first.
  public var previous: (source: String, record: CellRecord)?

  /// A cue with every field given.
  public init(
    sectionID: String, number: Int, count: Int, source: String,
    previous: (source: String, record: CellRecord)?
  ) {
    self.sectionID = sectionID
    self.number = number
    self.count = count
    self.source = source
    self.previous = previous
  }
}

/// A run that the gate stopped before a cell: not a failure, and said in one line.
///
///     print(StoppedBeforeCell(sectionID: "17.4", number: 3, count: 3))
///     // stopped before In [3] of 17.4 (2 of 3 cells run)
public struct StoppedBeforeCell: Error, Equatable, Sendable, CustomStringConvertible {
  /// The section.
  public var sectionID: String
  /// The cell that did not run.
  public var number: Int
  /// How many cells the section has.
  public var count: Int

  /// The stop before cell `number` of `count` in section `sectionID`.
  public init(sectionID: String, number: Int, count: Int) {
    self.sectionID = sectionID
    self.number = number
    self.count = count
  }

  /// `stopped before In [3] of 17.4 (2 of 3 cells run)`.
  public var description: String { text(in: .english) }

  /// The line in `language`.
  ///
  ///     stop.text(in: .korean)   // "17.4의 In [3] 앞에서 멈췄습니다(셀 3개 중 2개 실행)"
  public func text(in language: Language) -> String {
    let ran = number - 1
    return Localized(
      en: "stopped before In [\(number)] of \(sectionID) (\(ran) of \(count) "
        + "cell\(count == 1 ? "" : "s") run)",
      ko: "\(sectionID)의 In [\(number)] 앞에서 멈췄습니다(셀 \(count)개 중 \(ran)개 실행)"
    ).text(in: language)
  }
}
