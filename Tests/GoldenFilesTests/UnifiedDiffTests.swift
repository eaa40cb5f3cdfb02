import Foundation
import GoldenFiles
import Testing

@Suite("UnifiedDiff")
struct UnifiedDiffTests {
  private let ten = TestText.lines(TestText.numbered(10))

  private func edited(_ lines: [String], _ edit: (inout [String]) -> Void) -> String {
    var copy = lines
    edit(&copy)
    return TestText.lines(copy)
  }

  @Test("equal texts have no hunks and print nothing, as diff prints nothing")
  func identical() {
    let diff = UnifiedDiff(old: ten, new: ten)
    #expect(diff.isEmpty)
    #expect(diff.description == "")
    #expect(UnifiedDiff(old: "", new: "").isEmpty)
    #expect(UnifiedDiff(old: "no newline", new: "no newline").isEmpty)
  }

  @Test("a change in the middle has three lines of context on each side")
  func changeInTheMiddle() {
    let diff = UnifiedDiff(
      old: ten, new: edited(TestText.numbered(10)) { $0[4] = "five" }, oldLabel: "a.txt",
      newLabel: "a.txt.new")
    #expect(
      diff.description == """
        --- a.txt
        +++ a.txt.new
        @@ -2,7 +2,7 @@
         2
         3
         4
        -5
        +five
         6
         7
         8

        """)
  }

  @Test("an insertion at the start, a deletion at the end")
  func insertionAtStartDeletionAtEnd() {
    let numbers = TestText.numbered(5)
    let inserted = UnifiedDiff(old: TestText.lines(numbers), new: TestText.lines(["0"] + numbers))
    #expect(inserted.hunks.map(\.header) == ["@@ -1,3 +1,4 @@"])
    #expect(inserted.hunks[0].lines.map { $0.kind.prefix + $0.text } == ["+0", " 1", " 2", " 3"])
    let deleted = UnifiedDiff(
      old: TestText.lines(numbers), new: TestText.lines(Array(numbers.dropLast())))
    #expect(deleted.hunks.map(\.header) == ["@@ -2,4 +2,3 @@"])
    #expect(deleted.hunks[0].lines.map { $0.kind.prefix + $0.text } == [" 2", " 3", " 4", "-5"])
  }

  @Test("a change to the first line and one to the last")
  func changesAtTheEdges() {
    let numbers = TestText.numbered(5)
    let first = UnifiedDiff(old: TestText.lines(numbers), new: edited(numbers) { $0[0] = "one" })
    #expect(first.hunks.map(\.header) == ["@@ -1,4 +1,4 @@"])
    #expect(
      first.hunks[0].lines.map { $0.kind.prefix + $0.text } == ["-1", "+one", " 2", " 3", " 4"])
    let last = UnifiedDiff(old: TestText.lines(numbers), new: edited(numbers) { $0[4] = "five" })
    #expect(last.hunks.map(\.header) == ["@@ -2,4 +2,4 @@"])
    #expect(
      last.hunks[0].lines.map { $0.kind.prefix + $0.text } == [" 2", " 3", " 4", "-5", "+five"])
  }

  @Test("empty files: everything added, or everything removed, counted from line 0")
  func emptyFiles() {
    #expect(
      UnifiedDiff(old: "", new: "a\nb\n").description
        == "--- old\n+++ new\n@@ -0,0 +1,2 @@\n+a\n+b\n")
    #expect(
      UnifiedDiff(old: "a\nb\n", new: "").description
        == "--- old\n+++ new\n@@ -1,2 +0,0 @@\n-a\n-b\n")
    #expect(
      UnifiedDiff(old: "", new: "a").description
        == "--- old\n+++ new\n@@ -0,0 +1 @@\n+a\n\\ No newline at end of file\n")
  }

  @Test("a missing final newline is a change, noted as diff notes it")
  func noFinalNewline() {
    #expect(
      UnifiedDiff(old: "a\nb\n", new: "a\nb").description
        == "--- old\n+++ new\n@@ -1,2 +1,2 @@\n a\n-b\n+b\n\\ No newline at end of file\n")
    #expect(
      UnifiedDiff(old: "a\nb", new: "a\nb\n").description
        == "--- old\n+++ new\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+b\n")
    // Both texts end without a newline: the last line is context and still gets its note.
    #expect(
      UnifiedDiff(old: "a\nb\nc", new: "A\nb\nc").description
        == "--- old\n+++ new\n@@ -1,3 +1,3 @@\n-a\n+A\n b\n c\n\\ No newline at end of file\n")
    let line = UnifiedDiff(old: "x\n", new: "x").hunks[0].lines[1]
    #expect(line.kind == .added && line.text == "x" && !line.hasNewline)
  }

  @Test("changes up to six unchanged lines apart share a hunk; seven apart they do not")
  func hunkMerging() {
    let thirty = TestText.numbered(30)
    let sixApart = UnifiedDiff(
      old: TestText.lines(thirty), new: edited(thirty) { ($0[4], $0[11]) = ("X", "Y") })
    #expect(sixApart.hunks.map(\.header) == ["@@ -2,14 +2,14 @@"])
    let sevenApart = UnifiedDiff(
      old: TestText.lines(thirty), new: edited(thirty) { ($0[4], $0[12]) = ("X", "Y") })
    #expect(sevenApart.hunks.map(\.header) == ["@@ -2,7 +2,7 @@", "@@ -10,7 +10,7 @@"])
  }

  @Test("a line inserted among equal lines goes after them, where GNU diff puts it")
  func insertionAmongEqualLines() {
    let diff = UnifiedDiff(old: "a\nb\nb\nc\n", new: "a\nb\nb\nb\nc\n")
    #expect(diff.hunks[0].lines.map { $0.kind.prefix + $0.text } == [" a", " b", " b", "+b", " c"])
    let removal = UnifiedDiff(old: "x\n-\n-\n-\ny\n", new: "x\n-\n-\ny\n")
    #expect(
      removal.hunks[0].lines.map { $0.kind.prefix + $0.text } == [" x", " -", " -", "--", " y"])
  }

  @Test("a run that could go in several places is drawn next to the change it belongs with")
  func runsJoinChanges() {
    let aligned = UnifiedDiff(old: "a\nX\nb\nb\n", new: "a\nY\nb\n")
    #expect(
      aligned.hunks[0].lines.map { $0.kind.prefix + $0.text } == [" a", "-X", "-b", "+Y", " b"])
    let slid = UnifiedDiff(old: "a\nb\nc\nb\nc\nd\n", new: "a\nb\nc\nd\n")
    #expect(
      slid.hunks[0].lines.map { $0.kind.prefix + $0.text } == [" a", " b", " c", "-b", "-c", " d"])
  }

  @Test("blank lines between changed lines stay context: the diff stays shortest, as git's does")
  func repeatedLinesStayContext() {
    let old = ["[09:00:01] a", "[09:00:01] b", "", "[09:00:02] c", "[09:00:02] d", "", "end"]
    let new = old.map { $0.replacingOccurrences(of: "[09:", with: "[10:") }
    let diff = UnifiedDiff(old: TestText.lines(old), new: TestText.lines(new))
    #expect(
      diff.hunks[0].lines.map { $0.kind.prefix + $0.text } == [
        "-[09:00:01] a", "-[09:00:01] b", "+[10:00:01] a", "+[10:00:01] b", " ",
        "-[09:00:02] c", "-[09:00:02] d", "+[10:00:02] c", "+[10:00:02] d", " ", " end",
      ])
  }

  @Test("trailing whitespace on changed lines can be drawn; context lines stay as they are")
  func trailingWhitespace() {
    let spaces = UnifiedDiff(old: "keep \nx \ny\n", new: "keep \nx\ny\n")
    #expect(spaces.description.contains("\n-x \n+x\n"))
    #expect(spaces.hasTrailingWhitespaceOnChangedLines)
    #expect(
      spaces.text(showingTrailingWhitespace: true)
        == "--- old\n+++ new\n@@ -1,3 +1,3 @@\n keep \n-x·\n+x\n y\n")
    let others = UnifiedDiff(old: "a\t\r\nb\n", new: "a\nb\n")
    #expect(others.text(showingTrailingWhitespace: true).contains("\n-a→␍\n+a\n"))
    let unchanged = UnifiedDiff(old: "a \nb\n", new: "a \nc\n")
    #expect(!unchanged.hasTrailingWhitespaceOnChangedLines)
  }

  @Test("lines are compared as bytes: canonically equal strings with other bytes differ")
  func bytesNotCharacters() {
    let precomposed = "caf\u{E9}\n"
    let decomposed = "cafe\u{301}\n"
    #expect(precomposed == decomposed)
    #expect(UnifiedDiff(old: precomposed, new: decomposed).hunks.count == 1)
    let crlf = UnifiedDiff(old: "a\r\nb\r\n", new: "a\r\nc\r\n")
    #expect(crlf.hunks[0].lines.map(\.text) == ["a\r", "b\r", "c\r"])
  }

  @Test("the context width can be chosen")
  func contextWidth() {
    let changed = edited(TestText.numbered(10)) { $0[4] = "five" }
    #expect(UnifiedDiff(old: ten, new: changed, context: 0).hunks.map(\.header) == ["@@ -5 +5 @@"])
    #expect(
      UnifiedDiff(old: ten, new: changed, context: 1).hunks.map(\.header) == ["@@ -4,3 +4,3 @@"])
  }

  @Test("five thousand lines with ten scattered edits: ten hunks that turn old into new")
  func largeInputWithFewEdits() {
    let old = TestText.transcript(5000)
    var new = old
    for index in stride(from: 250, to: 5000, by: 500) { new[index] = "edited line \(index)" }
    new.insert("an inserted line", at: 4990)
    new.remove(at: 10)
    let diff = UnifiedDiff(old: TestText.lines(old), new: TestText.lines(new))
    #expect(diff.hunks.count == 12)
    #expect(TestText.changedLines(diff) == 22)
    #expect(TestText.apply(diff, to: old) == new)
  }

  @Test("two unrelated texts of three thousand lines: one hunk, all removed then all added")
  func largeUnrelatedInputs() {
    let old = (0..<3000).map { "old \($0)" }
    let new = (0..<3000).map { "new \($0)" }
    let diff = UnifiedDiff(old: TestText.lines(old), new: TestText.lines(new))
    #expect(diff.hunks.map(\.header) == ["@@ -1,3000 +1,3000 @@"])
    #expect(diff.hunks[0].lines.prefix(3000).allSatisfy { $0.kind == .removed })
    #expect(diff.hunks[0].lines.suffix(3000).allSatisfy { $0.kind == .added })
  }

  @Test("many repeated lines, shuffled: still a shortest diff that turns old into new")
  func largeRepetitiveInput() {
    var generator = SeededGenerator(seed: 17)
    let values = (0..<2000).map { _ in Int.random(in: 0..<6, using: &generator) }
    var edited = values
    for _ in 0..<200 {
      edited[Int.random(in: 0..<edited.count, using: &generator)] = Int.random(
        in: 0..<6, using: &generator)
    }
    let (old, new) = (values.map(String.init), edited.map(String.init))
    let diff = UnifiedDiff(old: TestText.lines(old), new: TestText.lines(new))
    #expect(TestText.apply(diff, to: old) == new)
    let shortest = 4000 - 2 * TestText.longestCommonSubsequence(values, edited)
    #expect(TestText.changedLines(diff) == shortest)
  }
}
