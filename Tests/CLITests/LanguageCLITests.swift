import Foundation
import Notebook
import Testing

@testable import lessons

/// `--lang`: Korean prose, titles and messages around the same cells; English by default.
@Suite("lessons --lang")
struct LanguageCLITests {
  @Test("17.4 --lang ko --virtual prints Korean prose around the cells English prints")
  func koreanSection() throws {
    let korean = try CLI.run(["17.4", "--lang", "ko", "--virtual"])
    let english = try String(
      contentsOf: CLI.transcripts.appendingPathComponent("17.4.txt"), encoding: .utf8)
    #expect(korean.status == 0)
    #expect(korean.stderr.isEmpty)
    #expect(
      korean.stdout.hasPrefix("17.4  Executor.map 실험하기\n" + String(repeating: "=", count: 27)))
    #expect(korean.stdout.contains("Executor.map은 내장 map과 비슷해 보이지만"))
    #expect(!korean.stdout.contains("Executor.map looks like the built-in map"))
    #expect(cellLines(korean.stdout) == cellLines(english))
    #expect(cellLines(english).contains("[09:00:05] result 4: 40"))
    for line in korean.stdout.split(separator: "\n") {
      #expect(DisplayWidth.columns(of: line) <= 80, "\(line)")
    }
  }

  @Test("every line of every section in Korean fits 80 columns, as a terminal counts them")
  func allSectionsFit() throws {
    let outcome = try CLI.run(["all", "--virtual", "--lang", "ko"])
    #expect(outcome.status == 0)
    #expect(outcome.stderr.isEmpty)
    #expect(outcome.stdout.contains("17.5.3  스레드와 큐\n" + String(repeating: "-", count: 19) + "\n"))
    for line in outcome.stdout.split(separator: "\n") {
      #expect(DisplayWidth.columns(of: line) <= 80, "\(line)")
    }
  }

  @Test("--lang en, or no --lang, prints the transcript, byte for byte")
  func english() throws {
    let golden = try String(
      contentsOf: CLI.transcripts.appendingPathComponent("17.4.txt"), encoding: .utf8)
    for arguments in [["17.4", "--virtual"], ["--lang", "en", "17.4", "--virtual"]] {
      let outcome = try CLI.run(arguments)
      #expect(outcome.status == 0)
      #expect(outcome.stdout == golden)
    }
  }

  @Test("--lang xx is a usage error naming the choices")
  func unknownLanguage() throws {
    for arguments in [["17.4", "--lang", "xx"], ["--lang=xx"]] {
      let outcome = try CLI.run(arguments)
      #expect(outcome.status == 2)
      #expect(outcome.stdout.isEmpty)
      #expect(outcome.stderr == "lessons: --lang must be one of en or ko, not 'xx'\n")
    }
  }

  @Test("lessons --lang ko lists the sections with Korean titles, within 80 columns")
  func listing() throws {
    let outcome = try CLI.run(["--lang", "ko"])
    #expect(outcome.status == 0)
    #expect(outcome.stderr.isEmpty)
    #expect(
      outcome.stdout.hasPrefix(
        """
        17장, 퓨처를 이용한 동시성(Concurrency with Futures)의 절:

          17.1  예제: 세 가지 방식으로 웹에서 내려받기
          17.2  블로킹 I/O와 GIL
          17.3  concurrent.futures로 프로세스 띄우기
          17.4  Executor.map 실험하기
          17.5  진행 상황 표시와 오류 처리를 갖춘 내려받기

        """))
    #expect(outcome.stdout.contains("'lessons 17.4 --lang ko'"))
    for line in outcome.stdout.split(separator: "\n") {
      #expect(DisplayWidth.columns(of: line) <= 80, "\(line)")
    }
  }

  @Test("with --lang ko, a usage error anywhere on the line is one Korean line")
  func koreanUsageErrors() throws {
    let cases: [([String], String)] = [
      (
        ["17.4", "--speed", "0", "--lang", "ko"],
        "lessons: --speed 값은 0.01에서 1000 사이여야 합니다(예: 2, 0.5. 입력한 값: '0')\n"
      ),
      (
        ["--lang=ko", "17.9"],
        "lessons: 없는 절입니다: '17.9'. 17.1, 17.2, 17.3, 17.4, 17.5, all 중에 고르세요\n"
      ),
      (["--frob", "--lang", "ko"], "lessons: 알 수 없는 옵션입니다: '--frob' ('lessons --help' 참고)\n"),
      (
        ["17.4", "--timeline-svg", "", "--lang", "ko"],
        "lessons: --timeline-svg에 준 파일 이름이 비어 있습니다\n"
      ),
      (
        ["17.4", "--format", "html", "--lang", "ko"],
        "lessons: --format html 유인물은 파일로 씁니다. --output FILE을 더하세요\n"
      ),
      (
        ["--lang", "ko", "--virtual"],
        "lessons: 실행할 절을 지정하세요. 예: 'lessons 17.4' ('lessons --help' 참고)\n"
      ),
    ]
    for (arguments, expected) in cases {
      let outcome = try CLI.run(arguments)
      #expect(outcome.status == 2, "\(arguments)")
      #expect(outcome.stdout.isEmpty)
      #expect(outcome.stderr == expected)
    }
  }

  @Test("with --lang ko, a handout that cannot be written or run is one Korean line, status 1")
  func handoutFailures() throws {
    let folder = FileManager.default.temporaryDirectory.path
    let unwritable = try CLI.run(["17.4", "--format", "html", "--output", folder, "--lang", "ko"])
    #expect(unwritable.status == 1)
    #expect(unwritable.stderr == "lessons: \(folder)에 쓸 수 없습니다: 폴더입니다\n")
    let failed = try CLI.run([
      "17.1", "--format", "markdown", "--live", "--dest", "/dev/null/flags", "--lang", "ko",
    ])
    #expect(failed.status == 1)
    #expect(failed.stdout.isEmpty)
    #expect(
      failed.stderr
        == "lessons: 17.1 절을 시작하지 못했습니다: cannot save flags in '/dev/null/flags': "
        + "Not a directory. 유인물은 쓰지 않았습니다\n")
  }

  @Test("with --lang ko, output that cannot be written is one Korean line and status 1")
  func fullDisk() throws {
    let run = try OutputRun(["17.4", "--virtual", "--lang", "ko"], stdout: .full)
    #expect(run.status == 1)
    #expect(run.signal == nil)
    #expect(run.stderr == "lessons: 출력을 쓸 수 없습니다: No space left on device\n")
  }

  @Test("--help says what --lang does and that the help stays English")
  func help() throws {
    let outcome = try CLI.run(["--lang", "ko", "--help"])
    #expect(outcome.status == 0)
    #expect(outcome.stdout.contains("--lang LANG"))
    #expect(outcome.stdout.contains("or ko"))
    #expect(outcome.stdout.contains("this help stay as they are"))
  }
}

/// The lines a run prints that are not prose: cell prompts, code and what the cells print.
private func cellLines(_ text: String) -> [Substring] {
  text.split(separator: "\n").filter {
    $0.hasPrefix("In [") || $0.hasPrefix("    ") || $0.hasPrefix("[09:") || $0.hasPrefix("seed ")
  }
}

@Suite("lessons' messages in Korean")
struct ProgramTextTests {
  @Test("every message of the catalogue is written in English and in Korean")
  func catalogue() {
    #expect(!ProgramText.all.isEmpty)
    for text in ProgramText.all {
      #expect(text.isComplete, "\(text.english)")
      #expect(hasHangul(text.korean), "\(text.english)")
      for line in (text.korean ?? "").split(separator: "\n") {
        #expect(DisplayWidth.columns(of: line) <= 80, "\(line)")
      }
    }
  }

  @Test("every usage error pattern fits its example and gives Korean")
  func usageErrors() {
    for entry in UsageErrorTranslation.entries {
      #expect(UsageErrorTranslation.match(entry.example, pattern: entry.pattern) != nil)
      let korean = UsageErrorTranslation.korean(entry.example)
      #expect(hasHangul(korean), "\(entry.example) → \(korean ?? "nothing")")
      let line = "lessons: " + (korean ?? "")
      #expect(DisplayWidth.columns(of: line) <= 80, "\(line)")
    }
  }

  @Test("where Ctrl-C stopped a run, said in English as before and in Korean")
  func interrupted() {
    let inCell = ProgramText.interrupted(
      section: "17.1", cell: 3, cellsDone: 2, sectionsDone: [])
    #expect(inCell.english == "interrupted (Ctrl-C) in 17.1 at In [3]; 2 cells had run")
    #expect(inCell.korean == "17.1의 In [3]에서 Ctrl-C로 중단했습니다. 끝난 셀: 2개")
    let later = ProgramText.interrupted(
      section: "17.5", cell: nil, cellsDone: 1, sectionsDone: ["17.4"])
    #expect(later.english == "interrupted (Ctrl-C) in 17.5; 1 cell had run (finished: 17.4)")
    #expect(later.korean == "17.5에서 Ctrl-C로 중단했습니다. 끝난 셀: 1개 (끝난 절: 17.4)")
    let between = ProgramText.interrupted(
      section: nil, cell: nil, cellsDone: 0, sectionsDone: ["17.1"])
    #expect(between.english == "interrupted (Ctrl-C) between sections (finished: 17.1)")
    #expect(between.korean == "절과 절 사이에서 Ctrl-C로 중단했습니다 (끝난 절: 17.1)")
  }

  @Test("with --lang ko, a timeline that cannot be written is said before the run, in Korean")
  func timelineFolder() throws {
    let folder = FileManager.default.temporaryDirectory.path
    let outcome = try CLI.run(["17.4", "--virtual", "--timeline-svg", folder, "--lang", "ko"])
    #expect(outcome.status == 1)
    #expect(outcome.stdout.isEmpty)
    #expect(outcome.stderr == "lessons: 타임라인을 \(folder)에 쓸 수 없습니다: 폴더입니다\n")
  }

  @Test("a message is matched part by part; one that fits no pattern stays English")
  func matching() {
    #expect(
      UsageErrorTranslation.match(
        "--seeds must be between 1 and 1000000, not '0'",
        pattern: "{} must be between {} and {}, not '{}'") == ["--seeds", "1", "1000000", "0"])
    #expect(UsageErrorTranslation.match("unknown option ''", pattern: "unknown option '{}'") == nil)
    #expect(UsageErrorTranslation.korean("a message nobody wrote a pattern for") == nil)
    #expect(
      UsageErrorTranslation.korean("--lang must be one of en or ko, not 'xx'")
        == "--lang 값은 en, ko 중 하나여야 합니다(입력한 값: 'xx')")
  }

  @Test("the language is read from the arguments before parsing: the last --lang wins")
  func requested() {
    #expect(Language.requested(in: []) == .english)
    #expect(Language.requested(in: ["17.4", "--lang", "ko"]) == .korean)
    #expect(Language.requested(in: ["--lang=KO"]) == .korean)
    #expect(Language.requested(in: ["--lang", "ko", "--lang", "en"]) == .english)
    #expect(Language.requested(in: ["--lang", "xx"]) == .english)
    #expect(Language.requested(in: ["--", "--lang", "ko"]) == .english)
  }
}

/// Whether `text` has at least one Hangul syllable.
private func hasHangul(_ text: String?) -> Bool {
  text?.unicodeScalars.contains { (0xAC00...0xD7A3).contains($0.value) } ?? false
}
