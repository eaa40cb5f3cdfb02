import ConcurrencyRuntime
import Notebook
import Testing

@Suite("Localized and Language")
struct LocalizedTests {
  @Test("a text gives each language its own, and English where the Korean is missing")
  func texts() {
    let both = Localized(en: "Sections", ko: "절")
    #expect(both.text(in: .english) == "Sections")
    #expect(both.text(in: .korean) == "절")
    #expect(both.isComplete)
    let draft: Localized = "Only English"
    #expect(draft.text(in: .korean) == "Only English")
    #expect(draft.written(in: .korean) == nil)
    #expect(!draft.isComplete)
    let value = 3
    let interpolated: Localized = "cell \(value)"
    #expect(interpolated == Localized(en: "cell 3"))
    #expect(!Localized(en: "x", ko: "  \n").isComplete)
  }

  @Test("the languages' codes and names")
  func languages() {
    #expect(Language.allCases.map(\.rawValue) == ["en", "ko"])
    #expect(Language.choices == "en or ko")
    #expect(Language(rawValue: "ko") == .korean)
    #expect(Language.korean.name == "한국어")
  }

  @Test("the notebook's own messages exist in English and in Korean")
  func notebookText() {
    for text in NotebookText.all {
      #expect(text.isComplete, "\(text.english)")
      #expect(text.korean?.unicodeScalars.contains { (0xAC00...0xD7A3).contains($0.value) } == true)
    }
  }
}

private let bilingual = Section(
  id: "0.5", title: Localized(en: "Two languages", ko: "두 언어"),
  prepare: { context in
    context.note(Localized(en: "A note.", ko: "알림입니다.").text(in: context.language))
    return Quiet()
  },
  blocks: [
    .prose(en: "Some words.", ko: "몇 마디."),
    .cell(Cell(name: "one", source: "display(\"one\")") { Runtime.current.console.display("one") }),
    .cell(Cell(name: "fails", source: "throw") { throw Failure() }),
  ])

private final class Quiet: SectionEnvironment {
  func tearDown() {}
}

@Suite("Sections in Korean")
struct SectionLanguageTests {
  @Test("a section reads in English unless asked otherwise, and keeps its cells")
  func reading() {
    #expect(bilingual.language == .english)
    #expect(bilingual.title == "Two languages")
    let korean = bilingual.reading(in: .korean)
    #expect(korean.title == "두 언어")
    #expect(korean.language == .korean)
    #expect(korean.cells.map(\.name) == bilingual.cells.map(\.name))
    #expect(bilingual.prose == [Localized(en: "Some words.", ko: "몇 마디.")])
  }

  @Test("run in Korean, the heading, prose, note and failure are Korean; the cells are not")
  func runsInKorean() throws {
    let english = Collector()
    let korean = Collector()
    for (section, collector) in [(bilingual, english), (bilingual.reading(in: .korean), korean)] {
      #expect(throws: NotebookError.cellFailed(number: 2, error: "the cell gave up")) {
        try NotebookRunner(configuration: .virtual(seed: nil)).run(
          section, renderer: TextRenderer(style: .plain, write: collector.write))
      }
    }
    #expect(
      korean.text == """
        0.5  두 언어
        ============

        알림입니다.

        몇 마디.

        In [1]:
            display("one")

        [09:00:00] one

        In [2]:
            throw

        In [2] 셀에서 오류가 났습니다: the cell gave up


        """)
    #expect(english.text.hasPrefix("0.5  Two languages\n==================\n\nA note.\n"))
    #expect(english.text.contains("Error in cell 2: the cell gave up"))
  }
}
