import ConcurrencyRuntime
import Notebook
import Testing

@testable import Lessons

/// Every section reads in English and in Korean: each title and prose block is written in
/// both (a section added with English prose only fails here, not in the build), and reading
/// in Korean changes the words around the cells, never what the cells print.
@Suite("Korean")
struct LocalizationTests {
  @Test("every section's title is written in English and in Korean", arguments: sectionIDs)
  func titles(id: String) throws {
    let section = try #require(Catalog.section(id))
    let title = section.localizedTitle
    #expect(title.isComplete, "\(id): the title has no Korean")
    #expect(hasHangul(title.written(in: .korean)), "\(id): the Korean title has no Hangul")
  }

  @Test("every prose block is written in English and in Korean", arguments: sectionIDs)
  func prose(id: String) throws {
    let section = try #require(Catalog.section(id))
    #expect(!section.prose.isEmpty)
    for (index, text) in section.prose.enumerated() {
      let start = text.english.prefix(40)
      #expect(text.isComplete, "\(id), prose block \(index + 1) (\(start)…) has no Korean")
      #expect(
        hasHangul(text.written(in: .korean)),
        "\(id), prose block \(index + 1) (\(start)…): the Korean has no Hangul")
    }
  }

  @Test(
    "in Korean a virtual run shows the Korean words and the same cells, printing the same",
    arguments: sectionIDs)
  func sameCells(id: String) throws {
    let section = try #require(Catalog.section(id))
    let runner = NotebookRunner(configuration: .canonical)
    let english = runner.record(section)
    let korean = runner.record(section.reading(in: .korean))
    #expect(english.failure == nil)
    #expect(korean.failure == nil)
    #expect(korean.cells.map(\.name) == english.cells.map(\.name))
    #expect(korean.cells.map(\.output) == english.cells.map(\.output))
    #expect(korean.text.hasPrefix("\(id)  \(section.localizedTitle.text(in: .korean))\n"))
    for text in section.prose {
      #expect(korean.text.contains(text.text(in: .korean)))
      #expect(!korean.text.contains(text.english))
    }
    #expect(korean.text != english.text)
  }

  @Test("the notes of the flag sections are written in English and in Korean")
  func notes() {
    let notes = [
      FlagLesson.virtualNote(["DELAY"]), FlagLesson.virtualNote(["DELAY", "ERROR"]),
      FlagLesson.liveNote(
        [("DELAY", "http://127.0.0.1:40211/flags", 40211)], folder: "/tmp/f", fresh: true),
      FlagLesson.liveNote(
        [("DELAY", "http://127.0.0.1:40211/flags", 40211), ("ERROR", "", 40212)],
        folder: "/tmp/f", fresh: false),
    ]
    for note in notes {
      #expect(note.isComplete)
      #expect(hasHangul(note.written(in: .korean)), "\(note.english)")
      for line in note.text(in: .korean).split(separator: "\n") {
        #expect(DisplayWidth.columns(of: line) <= 80, "\(line)")
      }
    }
    #expect(
      notes[3].text(in: .korean)
        == "127.0.0.1에 국기 서버를 띄웠습니다: DELAY 40211번 포트, ERROR 40212번 포트\n"
        + "국기는 이 폴더에 저장합니다: /tmp/f")
  }

  @Test("a virtual flag section in Korean says in Korean that mocks answer")
  func virtualNoteShown() throws {
    let section = try #require(Catalog.section("17.5")).reading(in: .korean)
    let text = NotebookRunner(configuration: .canonical).record(section).text
    #expect(
      text.contains("가상 시간: DELAY, ERROR 모의 서버가 응답하며, 국기는 저장하지 않습니다.\n"))
  }
}

/// The ids of the sections in the catalogue.
private let sectionIDs = Catalog.sections.map(\.id)

/// Whether `text` has at least one Hangul syllable.
private func hasHangul(_ text: String?) -> Bool {
  text?.unicodeScalars.contains { (0xAC00...0xD7A3).contains($0.value) } ?? false
}
