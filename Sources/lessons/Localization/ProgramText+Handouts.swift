import Notebook

/// What `lessons` says while it makes a handout, and why one was not written, in English and
/// Korean (a handout is 유인물). The system's reason for a failed write stays English, as in
/// ``ProgramText/cannotWriteOutput(_:)``.
///
///     ProgramText.handoutWritten("page.html").text(in: .korean)
///     // "page.html에 유인물을 썼습니다"
extension ProgramText {
  /// On a terminal, before a section of a handout runs.
  static func recordingSection(_ id: String, title: String) -> Localized {
    Localized(en: "recording \(id) \(title)...", ko: "\(id) \(title) 기록 중...")
  }

  /// On a terminal, once the handout's file is written.
  static func handoutWritten(_ path: String) -> Localized {
    Localized(en: "wrote \(path)", ko: "\(path)에 유인물을 썼습니다")
  }

  /// A section of a handout failed, so nothing was written.
  static func handoutRunFailed(_ error: any Error) -> Localized {
    let failure = runFailed(error)
    return Localized(
      en: failure.english + "; no handout written",
      ko: failure.text(in: .korean) + ". 유인물은 쓰지 않았습니다")
  }

  /// The handout's file could not be written, or could not be made.
  static func cannotWriteHandout(_ error: any Error) -> Localized {
    guard let failure = error as? HandoutFileError else {
      return Localized(en: "\(error)", ko: "유인물을 쓸 수 없습니다: \(error)")
    }
    let reason = koreanReason(failure.reason)
    return Localized(en: "\(failure)", ko: "\(failure.path)에 쓸 수 없습니다: \(reason)")
  }

  /// Why a file cannot be written, in Korean where the program said it; the system's own
  /// reasons (`Permission denied`) stay as the system says them.
  static func koreanReason(_ reason: String) -> String {
    switch reason {
    case "it is a folder": "폴더입니다"
    case "the program is stopping": "프로그램이 멈추는 중입니다"
    default: reason
    }
  }

  /// The handout texts, with sample values, for ``all``.
  static var handoutTexts: [Localized] {
    [
      recordingSection("17.4", title: "Executor.map 실험하기"), handoutWritten("page.html"),
      handoutRunFailed(NotebookError.cellFailed(number: 2, error: "boom")),
      cannotWriteHandout(HandoutFileError(path: "/tmp/x", reason: "it is a folder")),
      cannotWriteHandout(HandoutFileError(path: "/tmp/x", reason: "Permission denied")),
    ]
  }
}
