import Foundation

/// A file that holds the expected output of a test, compared byte for byte with the real one.
///
/// ``compare(_:record:)`` reads the golden file and returns a ``GoldenFileResult``. On a
/// match it removes any `NAME.new` left by an earlier failure. On a difference it leaves the
/// golden file alone, writes the output beside it as `NAME.new` (`transcripts/17.4.txt.new`)
/// and returns a unified diff from the golden file to it. Whether a missing or different golden
/// file is written instead depends on the ``RecordMode``. Every write is atomic: a temporary
/// file in the same folder, renamed into place.
///
///     let golden = GoldenFile(path: "transcripts/17.4.txt")
///     let result = try golden.compare(output)
///     print(result.passed)
///     // true
public struct GoldenFile: Sendable, Hashable, CustomStringConvertible {
  /// Where the golden file is (it need not exist yet).
  ///
  /// A file URL; relative paths are resolved against the current directory.
  ///
  ///     print(GoldenFile(path: "/t/17.4.txt").url.path)
  ///     // /t/17.4.txt
  public let url: URL

  /// Where the output goes when it does not match: the golden file's path plus `.new`.
  ///
  /// Removed again once the output matches, or is recorded.
  ///
  ///     print(GoldenFile(path: "/t/17.4.txt").newURL.path)
  ///     // /t/17.4.txt.new
  public var newURL: URL { URL(fileURLWithPath: url.path + ".new") }

  /// The golden file at `url`, a file URL.
  ///
  /// Nothing is read or written until ``compare(_:record:)``.
  ///
  ///     let folder = URL(fileURLWithPath: "/t")
  ///     print(GoldenFile(folder.appendingPathComponent("17.4.txt")))
  ///     // /t/17.4.txt
  public init(_ url: URL) {
    self.url = url.standardizedFileURL
  }

  /// The golden file at `path`, relative to the current directory unless absolute.
  ///
  /// Nothing is read or written until ``compare(_:record:)``.
  ///
  ///     print(GoldenFile(path: "/t/17.4.txt"))
  ///     // /t/17.4.txt
  public init(path: String) {
    self.init(URL(fileURLWithPath: path))
  }

  /// Compares `text`, as UTF-8, with the golden file byte for byte; records it or leaves
  /// `NAME.new` beside it as `record` says.
  ///
  /// With `record` nil the mode comes from the environment (``RecordMode/current(in:)``).
  /// Throws only when a file cannot be read or written or `LESSONS_RECORD` makes no sense;
  /// a difference is a result. Strings Swift considers equal but spelled with other bytes
  /// differ here, as they would on disk.
  ///
  ///     let golden = GoldenFile(path: "/t/hello.txt")           // not there yet
  ///     print(try golden.compare("hello\n", record: .never))
  ///     // there is no golden file /t/hello.txt, and this run does not record (…)
  ///     print(try golden.compare("hello\n", record: .missing))
  ///     // recorded a new golden file, /t/hello.txt
  ///     print(try golden.compare("hello\n"))
  ///     // /t/hello.txt matches
  public func compare(_ text: String, record: RecordMode? = nil) throws(GoldenFileError)
    -> GoldenFileResult
  {
    try compare(bytes: text.utf8, record: record)
  }

  /// Compares `bytes` with the golden file byte for byte; records them or leaves `NAME.new`
  /// beside it as `record` says.
  ///
  /// For output that is not a `String`: `Data`, `[UInt8]`, a buffer. The diff in a mismatch
  /// still reads them as UTF-8 lines.
  ///
  ///     let golden = GoldenFile(path: "/t/hello.txt")
  ///     print(try golden.compare(bytes: Array("hello\n".utf8)).passed)
  ///     // true
  public func compare(bytes: some Collection<UInt8>, record: RecordMode? = nil)
    throws(GoldenFileError) -> GoldenFileResult
  {
    let mode: RecordMode
    if let record { mode = record } else { mode = try RecordMode.current() }
    let actual = Array(bytes)
    guard let expected = try FileAccess.contents(url.path) else {
      if mode == .never {
        try FileAccess.store(actual, at: newURL.path)
        return .missing(golden: url, newFile: newURL)
      }
      try FileAccess.store(actual, at: url.path)
      try FileAccess.remove(newURL.path)
      return .recorded(golden: url, diff: nil)
    }
    if expected == actual {
      try FileAccess.remove(newURL.path)
      return .matched(golden: url)
    }
    let goldenName = GoldenFileResult.display(url)
    if mode == .all {
      try FileAccess.store(actual, at: url.path)
      try FileAccess.remove(newURL.path)
      let diff = UnifiedDiff(
        old: expected, new: actual, oldLabel: "\(goldenName) (before)",
        newLabel: "\(goldenName) (recorded)")
      return .recorded(golden: url, diff: diff)
    }
    try FileAccess.store(actual, at: newURL.path)
    let diff = UnifiedDiff(
      old: expected, new: actual, oldLabel: goldenName,
      newLabel: GoldenFileResult.display(newURL))
    return .mismatched(golden: url, newFile: newURL, diff: diff)
  }

  /// Makes the output of the last failed comparison the golden file: renames `NAME.new` over
  /// it, atomically. False if there is no `NAME.new`.
  ///
  /// What a reviewer does after reading the diff and agreeing with it, like
  /// `cargo insta accept`.
  ///
  ///     print(try golden.accept())
  ///     // true
  @discardableResult
  public func accept() throws(GoldenFileError) -> Bool {
    try FileAccess.move(newURL.path, to: url.path)
  }

  /// The golden file's path.
  ///
  /// As given, made absolute.
  ///
  ///     print(GoldenFile(path: "/t/17.4.txt"))
  ///     // /t/17.4.txt
  public var description: String { url.path }
}
