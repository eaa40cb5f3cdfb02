import CommandLineKit
import ConcurrencyRuntime
import Foundation
import Lessons
import Notebook

/// `lessons SECTION --format markdown|ipynb|html [--output FILE] [--live]`: the sections as
/// a handout rather than the terminal's text.
///
/// A handout is recorded in virtual time, so that the same command makes the same file
/// (`--seed N` for another interleaving); `--live` records a real run instead. The sections
/// run first, into memory; the document is written only once every cell has run, to
/// standard output (Markdown only) or to `--output FILE`, whole or not at all.
enum HandoutExport {
  /// `--format`, `--output` and `--live`, for ``RunCommand``'s options.
  static var options: [Option<RunCommand.Options>] {
    [
      .value(
        "--format", valueName: "FORMAT",
        help:
          "text (the default), or a handout: markdown, ipynb (a Jupyter notebook) or html "
          + "(one self-contained web page); ipynb and html need --output. Handouts run in "
          + "virtual time unless --live",
        parser: .choice([("text", nil)] + HandoutFormat.allCases.map { ($0.rawValue, $0) }),
        into: \.format),
      .value(
        "--output", valueName: "FILE",
        help: "write the handout to FILE, whole or not at all", parser: .string,
        into: \.output),
      .flag(
        "--live",
        help: "record the handout from a live run (real threads, real time; with --speed X, "
          + "faster) instead of virtual time",
        set: \.live),
    ]
  }

  /// The combinations that make no sense, as usage errors.
  static func check(_ options: RunCommand.Options) throws(UsageError) {
    if options.output?.isEmpty == true {
      throw UsageError("--output FILE must not be empty")
    }
    let virtual = options.runtime.virtual || options.runtime.seed != nil
    if options.live && virtual {
      throw UsageError("--live records a real run: it cannot go with --virtual or --seed")
    }
    guard let format = options.format else {
      if options.output != nil {
        throw UsageError("--output FILE is for a handout: add --format markdown, ipynb or html")
      }
      if options.live {
        throw UsageError("--live is for a handout (--format ...): text runs are live already")
      }
      return
    }
    if format.needsFile && options.output == nil {
      throw UsageError("--format \(format.rawValue) writes a file: add --output FILE")
    }
    if options.runtime.speed != nil && !options.live {
      throw UsageError("--speed is for live runs: handouts run in virtual time unless --live")
    }
  }

  /// Runs the sections into a handout and writes it; returns the exit status.
  static func run(_ format: HandoutFormat, _ options: RunCommand.Options, in program: Program)
    -> Int32
  {
    let file = options.output.map(HandoutFile.init)
    let language = options.language
    do {
      try file?.check()
    } catch {
      program.writeError("lessons: \(ProgramText.cannotWriteHandout(error).text(in: language))\n")
      return 1
    }
    let configuration: RuntimeConfiguration =
      options.live
      ? .live(speed: options.runtime.speed ?? 1) : .virtual(seed: options.runtime.seed)
    let runner = NotebookRunner(
      configuration: configuration, destination: options.destination,
      parameters: options.parameters.settings)
    let recorder = HandoutRecorder()
    let svg = options.timelineSVG.map { _ in TimelineSVGRenderer(recorder) }
    let renderer: any Renderer = svg ?? recorder
    // A handout appears only at the end: on a terminal, say what is being recorded meanwhile.
    let tell: (String) -> Void = { line in
      if StandardStream.error.isTerminal { program.writeError(line + "\n") }
    }
    for id in options.sections {
      guard let section = Catalog.section(id)?.reading(in: options.language) else { continue }
      tell(
        "lessons: "
          + ProgramText.recordingSection(section.id, title: section.title).text(in: language))
      do {
        try runner.run(section, renderer: renderer)
      } catch {
        program.writeError("lessons: \(ProgramText.handoutRunFailed(error).text(in: language))\n")
        return 1
      }
    }
    let sections = recorder.sections
    let handout = Handout(
      title: sections.count == 1 ? nil : chapterTitle.text(in: options.language),
      recording: recording(options).text(in: options.language), sections: sections)
    do {
      let document = try format.document(handout, timelines: options.timeline)
      if let file {
        try file.write(document)
        tell("lessons: " + ProgramText.handoutWritten(file.path).text(in: language))
      } else {
        program.write(document)
      }
    } catch {
      program.writeError("lessons: \(ProgramText.cannotWriteHandout(error).text(in: language))\n")
      return 1
    }
    if let svg, let path = options.timelineSVG {
      do {
        try HandoutFile(path).write(svg.svg.document)
      } catch {
        let message = ProgramText.cannotWriteTimeline(path).text(in: language)
        program.writeError("lessons: \(message)\n")
        return 1
      }
    }
    return 0
  }

  /// The title of a handout of several sections.
  static let chapterTitle = Localized(
    en: "Fluent Python, chapter 17: Concurrency with Futures",
    ko: "전문가를 위한 파이썬(Fluent Python) 17장: 퓨처를 이용한 동시성")

  /// The line under the title: how the run was made.
  static func recording(_ options: RunCommand.Options) -> Localized {
    if options.live {
      guard let speed = options.runtime.speed, speed != 1 else {
        return Localized(
          en: "Recorded live: real threads in real time; the stamps are the time of day.",
          ko: "실제 실행으로 기록: 진짜 스레드, 진짜 시간이며, 시각은 그때의 시각입니다.")
      }
      let times = speed == speed.rounded() ? "\(Int(speed))" : "\(speed)"
      return Localized(
        en: "Recorded live at \(times)x speed: real threads, every wait \(times) times "
          + "shorter; the stamps show the time the lesson would have taken.",
        ko: "\(times)배 속도의 실제 실행으로 기록: 진짜 스레드이고 기다림은 모두 \(times)분의 1로 "
          + "줄었으며, 시각은 원래 속도였다면 걸렸을 시간을 보여 줍니다.")
    }
    if let seed = options.runtime.seed {
      return Localized(
        en: "Recorded in virtual time with seed \(seed): another valid interleaving, the "
          + "same again for the same seed.",
        ko: "시드 \(seed)의 가상 시간으로 기록: 또 하나의 올바른 인터리빙이며, 같은 시드면 "
          + "다시 똑같이 나옵니다.")
    }
    return Localized(
      en: "Recorded in virtual time: the canonical schedule, the same every run.",
      ko: "가상 시간으로 기록: 기준 스케줄이며, 실행할 때마다 똑같습니다.")
  }
}
