import ConcurrencyRuntime
import Notebook

/// The `lessons` program's own words, in English and Korean: the section listing, the hint
/// after a usage error, and the line that says why a run stopped.
///
/// Usage errors themselves are translated by ``UsageErrorTranslation``; the help stays
/// English. What `lessons flags2` prints is the book's program and stays as the book has it.
///
///     ProgramText.cannotWriteTimeline("t.svg").text(in: .korean)
///     // "타임라인을 t.svg에 쓸 수 없습니다"
enum ProgramText {
  /// The listing's first line, before the sections.
  static let listingHeading = Localized(
    en: "Sections of chapter 17, Concurrency with Futures:",
    ko: "17장, 퓨처를 이용한 동시성(Concurrency with Futures)의 절:")

  /// The listing's last lines: how to run a section.
  static let listingFooter = Localized(
    en: """
      Run one with 'lessons 17.4'; replay it in virtual time with
      'lessons 17.4 --virtual'. More in 'lessons --help'.
      """,
    ko: """
      절 하나를 실행하려면 'lessons 17.4 --lang ko', 가상 시간에서 다시 보려면
      'lessons 17.4 --virtual --lang ko'라고 입력하세요. 옵션은 'lessons --help'에
      있습니다(도움말은 영어입니다).
      """)

  /// After a mistake of the syntax: where the options are explained.
  static func seeHelp(_ program: String) -> Localized {
    Localized(en: " (see '\(program) --help')", ko: " ('\(program) --help' 참고)")
  }

  /// The timeline picture could not be written.
  static func cannotWriteTimeline(_ path: String) -> Localized {
    Localized(
      en: "cannot write the timeline to \(path)", ko: "타임라인을 \(path)에 쓸 수 없습니다")
  }

  /// Output could not be written (`> /dev/full`); the reason is the system's, in English.
  static func cannotWriteOutput(_ failure: OutputFailure) -> Localized {
    Localized(en: "\(failure)", ko: "출력을 쓸 수 없습니다: \(failure.reason)")
  }

  /// Why a run stopped, from the error the runner threw.
  static func runFailed(_ error: any Error) -> Localized {
    switch error {
    case NotebookError.cellFailed(let number, let failure):
      return Localized(
        en: "\(error)", ko: "In [\(number)] 셀이 실패했습니다: \(failure)")
    case NotebookError.preparationFailed(let section, let failure):
      return Localized(en: "\(error)", ko: "\(section) 절을 시작하지 못했습니다: \(failure)")
    case RuntimeError.deadlock(let blocked):
      return Localized(
        en: "\(error)",
        ko: "교착 상태(deadlock): 모든 스레드가 막혀 있습니다: " + blocked.joined(separator: "; "))
    case RuntimeError.scheduleDiverged(let index):
      return Localized(
        en: "\(error)", ko: "재생한 스케줄이 \(index)번째 결정에서 실행과 어긋났습니다")
    default:
      return Localized(en: "\(error)", ko: "\(error)")
    }
  }

  /// Every text of the catalogue, with sample values: what the tests check for both
  /// languages.
  static var all: [Localized] {
    [
      listingHeading, listingFooter, seeHelp("lessons"), cannotWriteTimeline("t.svg"),
      cannotWriteOutput(OutputFailure(stream: "standard output", code: 28)),
      runFailed(NotebookError.cellFailed(number: 2, error: "boom")),
      runFailed(NotebookError.preparationFailed(section: "17.1", error: "port in use")),
      runFailed(RuntimeError.deadlock(["main waits for a lock"])),
      runFailed(RuntimeError.scheduleDiverged(at: 3)),
    ] + handoutTexts + runTexts
  }

  /// `--step` without a terminal to read keys from.
  static let stepNeedsTerminal = Localized(
    en: "--step waits for keys, but standard input is not a terminal",
    ko: "--step은 키 입력을 기다리는데, 표준 입력이 터미널이 아닙니다")
}
