import Foundation

/// What comparing an output with its golden file found, and what it wrote.
///
/// A value, so that any test framework can report it: `passed` says whether a test should
/// fail, `description` says why, and the cases carry the paths and the diff for tools that
/// want more. The adapters for Swift Testing (`GoldenFilesTesting`) and XCTest
/// (`GoldenFilesXCTest`) turn it into an issue or a failure at the caller's line.
///
///     switch try GoldenFile(path: "transcripts/17.4.txt").compare(output) {
///     case .matched, .recorded:
///       break
///     case .mismatched(_, let newFile, let diff):
///       print(newFile.lastPathComponent, diff.hunks.count)  // 17.4.txt.new 1
///     case .missing(_, let newFile):
///       print(newFile.lastPathComponent)  // 17.4.txt.new
///     }
public enum GoldenFileResult: Sendable, Equatable, CustomStringConvertible {
  /// The output equals the golden file byte for byte; any stale `.new` file was removed.
  ///
  /// Carries the golden file's location.
  ///
  ///     print(GoldenFileResult.matched(golden: URL(fileURLWithPath: "/t/a.txt")))
  ///     // /t/a.txt matches
  case matched(golden: URL)

  /// The golden file was written: it was missing, or the mode was ``RecordMode/all`` and it
  /// differed. `diff` shows what changed, nil for a new file.
  ///
  /// Recording passes; a reviewer sees the change in version control.
  ///
  ///     print(GoldenFileResult.recorded(golden: URL(fileURLWithPath: "/t/a.txt"), diff: nil))
  ///     // recorded a new golden file, /t/a.txt
  case recorded(golden: URL, diff: UnifiedDiff?)

  /// The output differs from the golden file, which was left alone; the output is in
  /// `newFile` (`NAME.new`), and `diff` goes from the golden file to it.
  ///
  /// Review the diff, then accept the change (``GoldenFile/accept()``, or move the file by
  /// hand) or re-record with `LESSONS_RECORD=all`.
  ///
  ///     if case .mismatched(_, let newFile, _) = result { print(newFile.lastPathComponent) }
  ///     // 17.4.txt.new
  case mismatched(golden: URL, newFile: URL, diff: UnifiedDiff)

  /// There is no golden file and the mode (``RecordMode/never``, the default on CI) forbids
  /// writing one; the output is in `newFile` for review.
  ///
  /// On a developer's machine the default mode records it instead.
  ///
  ///     if case .missing(_, let newFile) = result { print(newFile.lastPathComponent) }
  ///     // 17.5.txt.new
  case missing(golden: URL, newFile: URL)

  /// True when a test should pass: matched or recorded.
  ///
  /// A mismatch and a missing golden file fail.
  ///
  ///     print(GoldenFileResult.matched(golden: URL(fileURLWithPath: "/t/a.txt")).passed)
  ///     // true
  public var passed: Bool {
    switch self {
    case .matched, .recorded: true
    case .mismatched, .missing: false
    }
  }

  /// The golden file compared with.
  ///
  /// Every case carries it.
  ///
  ///     print(GoldenFileResult.matched(golden: URL(fileURLWithPath: "/t/a.txt")).golden.path)
  ///     // /t/a.txt
  public var golden: URL {
    switch self {
    case .matched(let golden), .recorded(let golden, _), .mismatched(let golden, _, _),
      .missing(let golden, _):
      golden
    }
  }

  /// A report for people: what happened, where the files are, what to do, and the diff.
  ///
  /// Paths inside the current directory are shown relative to it. In the diff, trailing
  /// whitespace on changed lines is drawn visibly (see
  /// ``UnifiedDiff/text(showingTrailingWhitespace:)``), with a line saying so.
  ///
  ///     print(result)
  ///     // the output differs from transcripts/17.4.txt; the new output is in transcripts/17.4.txt.new.
  ///     // Review the diff, then accept it (move the .new file over the golden file) or re-record with LESSONS_RECORD=all.
  ///     // --- transcripts/17.4.txt
  ///     // +++ transcripts/17.4.txt.new
  ///     // @@ -1 +1 @@
  ///     // -[09:00:00] Script starting.
  ///     // +[09:00:00] Script started.
  public var description: String {
    switch self {
    case .matched(let golden):
      return "\(Self.display(golden)) matches"
    case .recorded(let golden, nil):
      return "recorded a new golden file, \(Self.display(golden))"
    case .recorded(let golden, let diff?):
      return "re-recorded \(Self.display(golden)):\n" + Self.readable(diff)
    case .mismatched(let golden, let newFile, let diff):
      return """
        the output differs from \(Self.display(golden)); the new output is in \
        \(Self.display(newFile)).
        Review the diff, then accept it (move the .new file over the golden file) or \
        re-record with \(RecordMode.environmentVariable)=all.

        """ + Self.readable(diff)
    case .missing(let golden, let newFile):
      return """
        there is no golden file \(Self.display(golden)), and this run does not record \
        (CI is set, or \(RecordMode.environmentVariable)=never); the output is in \
        \(Self.display(newFile)).
        Review it, then move it to \(Self.display(golden)), or record it where recording is \
        allowed (\(RecordMode.environmentVariable)=missing).
        """
    }
  }

  /// `url`'s path, relative to the current directory when it lies inside it.
  static func display(_ url: URL) -> String {
    let path = url.standardizedFileURL.path
    let current = FileManager.default.currentDirectoryPath
    let prefix = current.hasSuffix("/") ? current : current + "/"
    return path.hasPrefix(prefix) && path.count > prefix.count
      ? String(path.dropFirst(prefix.count)) : path
  }

  /// The diff with trailing whitespace drawn, and a line explaining the symbols, when it has any.
  /// Without its final newline, as messages usually are.
  private static func readable(_ diff: UnifiedDiff) -> String {
    let shown = diff.hasTrailingWhitespaceOnChangedLines
    let text = diff.text(showingTrailingWhitespace: shown)
    let legend =
      shown
      ? "(Trailing whitespace on changed lines is drawn: · space, → tab, ␍ carriage return.)\n" : ""
    return legend + (text.hasSuffix("\n") ? String(text.dropLast()) : text)
  }
}
