/// The words the notebook's renderers write themselves, around a section's own prose and
/// cells, in every language.
///
/// The cell prompt `In [n]:` and the `[HH:MM:SS]` stamps are the notebook's fixed format and
/// read the same in every language; what is said about a run (a cell failed) is translated.
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

  /// Every text of the catalogue, with sample values: what the tests check for both
  /// languages.
  public static var all: [Localized] {
    [cellFailed(1, error: "boom")]
  }
}
