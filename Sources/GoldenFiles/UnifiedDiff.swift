/// The differences between two texts, line by line, as `diff -u` shows them.
///
/// Lines are compared byte for byte, newline included, and the edit is a shortest one (Myers'
/// algorithm), with each run of changes placed where GNU `diff` places it. Changes are grouped
/// into hunks with three lines of context; a last line without a newline is followed by
/// `\ No newline at end of file`. Computing a diff never touches the file system.
///
///     let diff = UnifiedDiff(
///       old: "a\nb\nc\n", new: "a\nB\nc\n", oldLabel: "golden.txt", newLabel: "golden.txt.new")
///     print(diff, terminator: "")
///     // --- golden.txt
///     // +++ golden.txt.new
///     // @@ -1,3 +1,3 @@
///     //  a
///     // -b
///     // +B
///     //  c
public struct UnifiedDiff: Sendable, Equatable, CustomStringConvertible {
  /// The name shown for the old text, on the `---` line.
  ///
  /// Usually the golden file's path; any text will do.
  ///
  ///     print(UnifiedDiff(old: "a\n", new: "b\n", oldLabel: "before").oldLabel)
  ///     // before
  public var oldLabel: String

  /// The name shown for the new text, on the `+++` line.
  ///
  /// Usually the path of the file that holds the new output.
  ///
  ///     print(UnifiedDiff(old: "a\n", new: "b\n", newLabel: "after").newLabel)
  ///     // after
  public var newLabel: String

  /// The hunks, in order; empty when the texts are equal.
  ///
  /// Each hunk is a group of changes with the unchanged lines around them.
  ///
  ///     print(UnifiedDiff(old: "a\n", new: "b\n").hunks.count)
  ///     // 1
  public var hunks: [Hunk]

  /// The diff of two byte strings: usually UTF-8 text, though any bytes are compared exactly.
  ///
  /// Lines end at `\n` (a `\r` before it is part of the line, as in `diff`). `context` is the
  /// number of unchanged lines shown around each change (3, like `diff -u`).
  ///
  ///     let diff = UnifiedDiff(old: Array("x\n".utf8), new: Array("x".utf8))
  ///     print(diff, terminator: "")
  ///     // --- old
  ///     // +++ new
  ///     // @@ -1 +1 @@
  ///     // -x
  ///     // +x
  ///     // \ No newline at end of file
  public init(
    old: some Collection<UInt8>, new: some Collection<UInt8>, oldLabel: String = "old",
    newLabel: String = "new", context: Int = 3
  ) {
    self.oldLabel = oldLabel
    self.newLabel = newLabel
    self.hunks = HunkBuilder.hunks(
      old: Lines(Array(old)), new: Lines(Array(new)), context: max(0, context))
  }

  /// The diff of two strings, compared as their UTF-8 bytes.
  ///
  /// Strings that Swift considers equal but that are spelled with different bytes (a
  /// precomposed `é` and `e` with a combining accent) differ here, as they do on disk.
  ///
  ///     print(UnifiedDiff(old: "same\n", new: "same\n").isEmpty)
  ///     // true
  public init(
    old: String, new: String, oldLabel: String = "old", newLabel: String = "new",
    context: Int = 3
  ) {
    self.init(
      old: old.utf8, new: new.utf8, oldLabel: oldLabel, newLabel: newLabel, context: context)
  }

  /// True when the texts are equal, so there is nothing to show.
  ///
  /// An empty diff prints as the empty string, like `diff` on equal files.
  ///
  ///     print(UnifiedDiff(old: "a\n", new: "a\n").isEmpty)
  ///     // true
  public var isEmpty: Bool { hunks.isEmpty }

  /// The diff exactly as `diff -u --label OLD --label NEW` prints it.
  ///
  /// This is the text to feed to `patch`; see ``text(showingTrailingWhitespace:)`` for one
  /// meant for people.
  ///
  ///     print(UnifiedDiff(old: "", new: "a\n"), terminator: "")
  ///     // --- old
  ///     // +++ new
  ///     // @@ -0,0 +1 @@
  ///     // +a
  public var description: String { text(showingTrailingWhitespace: false) }

  /// The diff as text, optionally with trailing whitespace on changed lines made visible.
  ///
  /// Two lines that differ only in trailing spaces look the same in a plain diff. With
  /// `showingTrailingWhitespace`, the trailing spaces, tabs and carriage returns of removed and
  /// added lines are drawn as `·`, `→` and `␍` (form feeds and vertical tabs as `␌` and `␋`);
  /// context lines and the rest of each line are left as they are. The result is for reading,
  /// not for `patch`.
  ///
  ///     let diff = UnifiedDiff(old: "done \n", new: "done\n")
  ///     print(diff.text(showingTrailingWhitespace: true), terminator: "")
  ///     // --- old
  ///     // +++ new
  ///     // @@ -1 +1 @@
  ///     // -done·
  ///     // +done
  public func text(showingTrailingWhitespace: Bool) -> String {
    guard !hunks.isEmpty else { return "" }
    var text = "--- \(oldLabel)\n+++ \(newLabel)\n"
    for hunk in hunks {
      text += hunk.header + "\n"
      for line in hunk.lines {
        text += line.rendered(showingTrailingWhitespace: showingTrailingWhitespace)
      }
    }
    return text
  }

  /// True when a removed or added line ends in whitespace, which a plain diff cannot show.
  ///
  /// Reports use it to decide whether to draw that whitespace and explain the symbols.
  ///
  ///     print(UnifiedDiff(old: "a \n", new: "a\n").hasTrailingWhitespaceOnChangedLines)
  ///     // true
  public var hasTrailingWhitespaceOnChangedLines: Bool {
    hunks.contains { hunk in
      hunk.lines.contains { $0.kind != .context && $0.trailingWhitespace.count > 0 }
    }
  }
}
