import Notebook

/// What `lessons` says when a run cannot begin or is stopped, in English and Korean: the
/// timeline's file found unwritable before the run, and the line Ctrl-C leaves.
///
///     ProgramText.interrupted(section: "17.1", cell: 3, cellsDone: 2, sectionsDone: [])
///       .text(in: .korean)
///     // "17.1의 In [3]에서 Ctrl-C로 중단했습니다. 끝난 셀: 2개"
extension ProgramText {
  /// The timeline's file cannot be written, found before the run starts.
  static func cannotWriteTimeline(_ path: String, problem: String) -> Localized {
    Localized(
      en: "cannot write the timeline to \(path): \(problem)",
      ko: "타임라인을 \(path)에 쓸 수 없습니다: \(koreanReason(problem))")
  }

  /// Where Ctrl-C stopped a run: the section and cell running (if any), how many of its
  /// cells had finished, and the sections finished before it.
  static func interrupted(section: String?, cell: Int?, cellsDone: Int, sectionsDone: [String])
    -> Localized
  {
    var english = "interrupted (Ctrl-C)"
    var korean: String
    if let section {
      english += " in \(section)"
      if let cell { english += " at In [\(cell)]" }
      english += "; \(cellsDone) cell\(cellsDone == 1 ? "" : "s") had run"
      let place = cell.map { "\(section)의 In [\($0)]" } ?? section
      korean = "\(place)에서 Ctrl-C로 중단했습니다. 끝난 셀: \(cellsDone)개"
    } else {
      english += sectionsDone.isEmpty ? " before the first section started" : " between sections"
      korean =
        sectionsDone.isEmpty
        ? "첫 절이 시작하기 전에 Ctrl-C로 중단했습니다" : "절과 절 사이에서 Ctrl-C로 중단했습니다"
    }
    if !sectionsDone.isEmpty {
      english += " (finished: \(sectionsDone.joined(separator: ", ")))"
      korean += " (끝난 절: \(sectionsDone.joined(separator: ", ")))"
    }
    return Localized(en: english, ko: korean)
  }

  /// The texts of a run's start and stop, with sample values, for ``all``.
  static var runTexts: [Localized] {
    [
      cannotWriteTimeline("/tmp", problem: "it is a folder"),
      interrupted(section: "17.1", cell: 3, cellsDone: 2, sectionsDone: []),
      interrupted(section: "17.4", cell: nil, cellsDone: 1, sectionsDone: ["17.1", "17.2"]),
      interrupted(section: nil, cell: nil, cellsDone: 0, sectionsDone: []),
      interrupted(section: nil, cell: nil, cellsDone: 0, sectionsDone: ["17.1"]),
    ]
  }
}
