/// The words the notebook's renderers write themselves, around a section's own prose and
/// cells, in every language.
///
/// The cell prompt `In [n]:` and the `[HH:MM:SS]` stamps are the notebook's fixed format and
/// read the same in every language; what is said about a run (a cell failed, the heading of
/// a timeline) is translated.
///
///     NotebookText.cellFailed(2, error: "boom").text(in: .korean)
///     // "In [2] 셀에서 오류가 났습니다: boom"
public enum NotebookText {
  /// The line a renderer shows under a cell that threw.
  public static func cellFailed(_ number: Int, error: String) -> Localized {
    Localized(
      en: "Error in cell \(number): \(error)",
      ko: "In [\(number)] 셀에서 오류가 났습니다: \(error)")
  }

  /// The first line of a cell's ``Timeline``: the cell, how long it took, and the key.
  public static func timelineHeading(_ cell: Int, duration: String) -> Localized {
    Localized(
      en: "Timeline of In [\(cell)], \(duration) (= running, . waiting)",
      ko: "In [\(cell)]의 타임라인, \(duration) (= 실행, . 대기)")
  }

  /// A task that took no time, named after its lane in a ``Timeline``: its label and when.
  public static func timelineInstant(_ label: String, at time: String) -> Localized {
    Localized(en: "\(label) at \(time)", ko: "\(label): \(time)에 끝남")
  }

  /// Every text of the catalogue, with sample values: what the tests check for both
  /// languages.
  public static var all: [Localized] {
    [
      cellFailed(1, error: "boom"), timelineHeading(2, duration: "5s"),
      timelineInstant("0", at: "0s"),
    ]
  }
}
