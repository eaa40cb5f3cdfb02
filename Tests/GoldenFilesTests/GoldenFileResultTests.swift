import Foundation
import GoldenFiles
import Testing

@Suite("GoldenFileResult")
struct GoldenFileResultTests {
  private let golden = URL(fileURLWithPath: "/golden/17.4.txt")
  private let newFile = URL(fileURLWithPath: "/golden/17.4.txt.new")

  @Test("matched and recorded pass; mismatched and missing fail")
  func passed() {
    let diff = UnifiedDiff(old: "a\n", new: "b\n")
    #expect(GoldenFileResult.matched(golden: golden).passed)
    #expect(GoldenFileResult.recorded(golden: golden, diff: nil).passed)
    #expect(GoldenFileResult.recorded(golden: golden, diff: diff).passed)
    #expect(!GoldenFileResult.mismatched(golden: golden, newFile: newFile, diff: diff).passed)
    #expect(!GoldenFileResult.missing(golden: golden, newFile: newFile).passed)
    #expect(GoldenFileResult.missing(golden: golden, newFile: newFile).golden == golden)
  }

  @Test("a mismatch report names both files, says how to accept the change, and shows the diff")
  func mismatchReport() {
    let diff = UnifiedDiff(
      old: "a\nb\n", new: "a\nc\n", oldLabel: "/golden/17.4.txt", newLabel: "/golden/17.4.txt.new")
    let report = GoldenFileResult.mismatched(golden: golden, newFile: newFile, diff: diff)
      .description
    #expect(
      report == """
        the output differs from /golden/17.4.txt; the new output is in /golden/17.4.txt.new.
        Review the diff, then accept it (move the .new file over the golden file) or re-record \
        with LESSONS_RECORD=all.
        --- /golden/17.4.txt
        +++ /golden/17.4.txt.new
        @@ -1,2 +1,2 @@
         a
        -b
        +c
        """)
  }

  @Test("a report draws trailing whitespace, and says so, only when a changed line has some")
  func whitespaceLegend() {
    let spaced = GoldenFileResult.mismatched(
      golden: golden, newFile: newFile, diff: UnifiedDiff(old: "a \n", new: "a\n"))
    #expect(spaced.description.contains("(Trailing whitespace on changed lines is drawn"))
    #expect(spaced.description.hasSuffix("\n-a·\n+a"))
    let plain = GoldenFileResult.mismatched(
      golden: golden, newFile: newFile, diff: UnifiedDiff(old: "a\n", new: "b\n"))
    #expect(!plain.description.contains("Trailing whitespace"))
  }

  @Test("reports for missing and recorded golden files say what happened and what to do")
  func otherReports() {
    #expect(GoldenFileResult.matched(golden: golden).description == "/golden/17.4.txt matches")
    #expect(
      GoldenFileResult.recorded(golden: golden, diff: nil).description
        == "recorded a new golden file, /golden/17.4.txt")
    let missing = GoldenFileResult.missing(golden: golden, newFile: newFile).description
    #expect(missing.hasPrefix("there is no golden file /golden/17.4.txt"))
    #expect(missing.contains("the output is in /golden/17.4.txt.new"))
    #expect(missing.contains("LESSONS_RECORD=missing"))
  }

  @Test("paths inside the current directory are shown relative to it")
  func relativePaths() {
    let here = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    let inside = here.appendingPathComponent("transcripts/17.4.txt")
    #expect(GoldenFileResult.matched(golden: inside).description == "transcripts/17.4.txt matches")
  }
}
