extension UnifiedDiff {
  /// A group of nearby changes with the unchanged lines around them, under one `@@` line.
  ///
  /// Line numbers count from 1, as `diff -u` prints them. A side with no lines (an insertion
  /// into an empty file, say) has a count of 0 and gives the number of the line before it.
  ///
  ///     let hunk = UnifiedDiff(old: "a\nb\n", new: "a\nc\n").hunks[0]
  ///     print(hunk.header, hunk.oldStart, hunk.oldCount, hunk.newStart, hunk.newCount)
  ///     // @@ -1,2 +1,2 @@ 1 2 1 2
  public struct Hunk: Sendable, Equatable {
    /// The number of the hunk's first line in the old text (or of the line before, when empty).
    ///
    /// The `a` of `@@ -a,b +c,d @@`.
    ///
    ///     print(UnifiedDiff(old: "", new: "x\n").hunks[0].oldStart)
    ///     // 0
    public var oldStart: Int

    /// How many lines of the old text the hunk covers: its context and removed lines.
    ///
    /// The `b` of `@@ -a,b +c,d @@`.
    ///
    ///     print(UnifiedDiff(old: "a\nb\n", new: "a\n").hunks[0].oldCount)
    ///     // 2
    public var oldCount: Int

    /// The number of the hunk's first line in the new text (or of the line before, when empty).
    ///
    /// The `c` of `@@ -a,b +c,d @@`.
    ///
    ///     print(UnifiedDiff(old: "x\n", new: "").hunks[0].newStart)
    ///     // 0
    public var newStart: Int

    /// How many lines of the new text the hunk covers: its context and added lines.
    ///
    /// The `d` of `@@ -a,b +c,d @@`.
    ///
    ///     print(UnifiedDiff(old: "a\n", new: "a\nb\n").hunks[0].newCount)
    ///     // 2
    public var newCount: Int

    /// The hunk's lines in order: context, then for each change its removed and added lines.
    ///
    /// As `diff -u` orders them: all removed lines of a change come before its added lines.
    ///
    ///     let lines = UnifiedDiff(old: "a\n", new: "b\n").hunks[0].lines
    ///     print(lines.map(\.kind.prefix))
    ///     // ["-", "+"]
    public var lines: [Line]

    /// The hunk's `@@` line, a count of 1 left out as `diff` leaves it out.
    ///
    /// Nothing follows the second `@@`: `diff -u` without `-p` prints no function name.
    ///
    ///     print(UnifiedDiff(old: "a\n", new: "b\n").hunks[0].header)
    ///     // @@ -1 +1 @@
    public var header: String {
      "@@ -\(Self.range(oldStart, oldCount)) +\(Self.range(newStart, newCount)) @@"
    }

    /// A hunk from 0-based offsets, as the builder finds them.
    init(oldOffset: Int, oldCount: Int, newOffset: Int, newCount: Int, lines: [Line]) {
      self.oldStart = oldCount == 0 ? oldOffset : oldOffset + 1
      self.oldCount = oldCount
      self.newStart = newCount == 0 ? newOffset : newOffset + 1
      self.newCount = newCount
      self.lines = lines
    }

    private static func range(_ start: Int, _ count: Int) -> String {
      count == 1 ? "\(start)" : "\(start),\(count)"
    }
  }

  /// One line of a hunk: unchanged, removed from the old text, or added from the new one.
  ///
  /// `text` holds the line without its newline; `hasNewline` is false only for a last line
  /// that has none, which the diff follows with `\ No newline at end of file`.
  ///
  ///     let line = UnifiedDiff(old: "a\n", new: "a").hunks[0].lines[1]
  ///     print(line.kind, line.text, line.hasNewline)
  ///     // added a false
  public struct Line: Sendable, Equatable {
    /// Whether a line is context, removed or added.
    ///
    /// Each kind has the one-character prefix `diff -u` gives it.
    ///
    ///     print(UnifiedDiff.Line.Kind.removed.prefix)
    ///     // -
    public enum Kind: Sendable, Equatable {
      /// A line both texts have, shown with a space in front.
      ///
      /// Up to three of them surround each change.
      ///
      ///     print("[\(UnifiedDiff.Line.Kind.context.prefix)]")
      ///     // [ ]
      case context
      /// A line only the old text has, shown with `-` in front.
      ///
      /// In a golden-file diff: a line of the golden file that the new output lacks.
      ///
      ///     print(UnifiedDiff.Line.Kind.removed.prefix)
      ///     // -
      case removed
      /// A line only the new text has, shown with `+` in front.
      ///
      /// In a golden-file diff: a line of the new output that the golden file lacks.
      ///
      ///     print(UnifiedDiff.Line.Kind.added.prefix)
      ///     // +
      case added

      /// The character `diff -u` puts in front of a line of this kind.
      ///
      /// A space, `-` or `+`.
      ///
      ///     print(UnifiedDiff.Line.Kind.added.prefix)
      ///     // +
      public var prefix: String {
        switch self {
        case .context: " "
        case .removed: "-"
        case .added: "+"
        }
      }
    }

    /// Whether the line is context, removed or added.
    ///
    /// Decides the prefix it is printed with.
    ///
    ///     print(UnifiedDiff(old: "a\n", new: "b\n").hunks[0].lines[0].kind)
    ///     // removed
    public var kind: Kind

    /// The line's text without its newline (bytes that are not UTF-8 shown as U+FFFD).
    ///
    /// Trailing whitespace and carriage returns are kept as they are.
    ///
    ///     print(UnifiedDiff(old: "a\n", new: "b\n").hunks[0].lines[1].text)
    ///     // b
    public var text: String

    /// False only for a last line without a newline.
    ///
    /// Such a line is followed in the diff by `\ No newline at end of file`.
    ///
    ///     print(UnifiedDiff(old: "a\n", new: "b").hunks[0].lines[1].hasNewline)
    ///     // false
    public var hasNewline: Bool

    init(_ kind: Kind, _ text: String, hasNewline: Bool) {
      self.kind = kind
      self.text = text
      self.hasNewline = hasNewline
    }

    /// The characters at the end of `text` that a reader cannot see.
    var trailingWhitespace: Substring {
      var start = text.endIndex
      while start > text.startIndex {
        let previous = text.index(before: start)
        guard Self.symbols[text[previous]] != nil else { break }
        start = previous
      }
      return text[start...]
    }

    /// The line as it appears in the diff, its newline and any no-newline note included.
    func rendered(showingTrailingWhitespace: Bool) -> String {
      var shown = text
      if showingTrailingWhitespace && kind != .context {
        let tail = trailingWhitespace
        shown = String(text[..<tail.startIndex]) + tail.map { Self.symbols[$0] ?? $0 }
      }
      let note = hasNewline ? "" : "\\ No newline at end of file\n"
      return kind.prefix + shown + "\n" + note
    }

    /// How trailing whitespace is drawn when it is shown.
    private static let symbols: [Character: Character] = [
      " ": "·", "\t": "→", "\r": "␍", "\u{0B}": "␋", "\u{0C}": "␌",
    ]
  }
}
