import ConcurrencyRuntime
import Foundation
import Notebook
import Testing

/// A section with a listing between two cells: code shown and not run, with its fixed text,
/// which needs escaping in every format.
private let listed = Section(
  id: "0.4", title: "Listed",
  blocks: [
    .prose("It will not build."),
    .cell(Cell(name: "before", source: "let a = 1", run: {})),
    .listing(
      Listing(
        file: "race.swift", source: "var count = 0\n\nTask { count += 1 }",
        output: "$ swiftc race.swift\nrace.swift:3:8: error: <bad> & 'worse' [#Group]\n  ^")),
    .cell(
      Cell(name: "after", source: "display(\"ran\")") { Runtime.current.console.display("ran") }),
  ])

/// The section recorded in virtual time.
private func recorded() throws -> Handout {
  let recorder = HandoutRecorder()
  try NotebookRunner(configuration: .canonical).run(listed, renderer: recorder)
  return Handout(title: nil, recording: "Recorded in virtual time.", sections: recorder.sections)
}

@Suite("Listing")
struct ListingTests {
  @Test("as text: the file name in place of In [n], the code, its fixed text; cells count on")
  func text() throws {
    let collector = Collector()
    try NotebookRunner(configuration: .canonical).run(
      listed, renderer: TextRenderer(style: .plain, write: collector.write))
    #expect(
      collector.text == """
        0.4  Listed
        ===========

        It will not build.

        In [1]:
            let a = 1

        race.swift:
            var count = 0

            Task { count += 1 }

        $ swiftc race.swift
        race.swift:3:8: error: <bad> & 'worse' [#Group]
          ^

        In [2]:
            display("ran")

        [09:00:00] ran


        """)
    #expect(listed.cells.map(\.name) == ["before", "after"])
    #expect(listed.listings.map(\.file) == ["race.swift"])
  }

  @Test("a renderer with no listing of its own shows it as prose, indented")
  func defaultRendering() {
    final class ProseOnly: Renderer, @unchecked Sendable {
      var prose: [String] = []
      func begin(_ section: Section) {}
      func prose(_ text: String) { prose.append(text) }
      func cell(_ number: Int, source: String) {}
      func output(_ piece: ConsoleOutput) {}
      func cellEnded(_ record: CellRecord) {}
      func end(_ section: Section) {}
    }
    let renderer = ProseOnly()
    renderer.listing(Listing(file: "a.swift", source: "let a = 1\n\nlet b", output: "$ swiftc"))
    #expect(renderer.prose == ["a.swift:\n    let a = 1\n\n    let b\n\n    $ swiftc"])
  }

  @Test("a handout keeps it in its place; Markdown fences its code and its text")
  func markdown() throws {
    let handout = try recorded()
    let kinds = handout.sections[0].blocks.map { block -> String in
      switch block {
      case .prose: return "prose"
      case .note: return "note"
      case .cell(let cell): return "cell \(cell.number)"
      case .listing(let listing): return "listing \(listing.file)"
      }
    }
    #expect(kinds == ["prose", "cell 1", "listing race.swift", "cell 2"])
    let text = MarkdownHandout(handout).text
    #expect(
      text.contains(
        """
        **In [1]:**

        ```swift
        let a = 1
        ```

        **race.swift:**

        ```swift
        var count = 0

        Task { count += 1 }
        ```

        ```text
        $ swiftc race.swift
        race.swift:3:8: error: <bad> & 'worse' [#Group]
          ^
        ```

        **In [2]:**
        """))
  }

  @Test("a web page boxes it apart from the cells, its text escaped, not marked as output")
  func html() throws {
    let html = HTMLPage(try recorded()).text
    #expect(occurrences(of: "<div class=\"cell\"", in: html) == 2)
    #expect(
      html.contains(
        """
        <div class="listing">
        <p class="prompt">race.swift:</p>
        <pre class="code"><code class="language-swift">var count = 0

        Task { count += 1 }</code></pre>
        <pre class="fixed"><samp>$ swiftc race.swift
        race.swift:3:8: error: &lt;bad&gt; &amp; &#39;worse&#39; [#Group]
          ^</samp></pre>
        </div>
        """))
    #expect(html.contains("pre.fixed {"))
  }

  @Test("a notebook makes it a Markdown cell, which offers nothing to run, and stays valid")
  func notebook() throws {
    let document = NotebookDocument(try recorded(), timelines: false)
    #expect(
      document.cells.map(\.id) == [
        "0-4-title", "0-4-prose-1", "0-4-code-1", "0-4-listing-1", "0-4-code-2",
      ])
    let listing = document.cells[3]
    #expect(listing.type == "markdown")
    #expect(listing.executionCount == nil && listing.outputs == nil)
    #expect(listing.source.first == "**race.swift:**\n")
    #expect(listing.source.contains("$ swiftc race.swift\n"))
    #expect(document.cells[4].executionCount == 2)
    let json = try document.json()
    #expect(NotebookSchema.violations(of: Data(json.utf8)) == [])
  }
}
