/// Why a golden file could not be compared: a file that cannot be read or written, or a record
/// mode that makes no sense.
///
/// A difference between the output and the golden file is not an error; it is a
/// ``GoldenFileResult``.
///
///     do {
///       _ = try RecordMode.current(in: ["LESSONS_RECORD": "sometimes"])
///     } catch {
///       print(error)
///     }
///     // LESSONS_RECORD=sometimes is not a record mode: use missing, all or never
public enum GoldenFileError: Error, Equatable, Sendable, CustomStringConvertible {
  /// `LESSONS_RECORD` holds a value that names no ``RecordMode``.
  ///
  /// The value is given as found.
  ///
  ///     print(GoldenFileError.unknownRecordMode("al"))
  ///     // LESSONS_RECORD=al is not a record mode: use missing, all or never
  case unknownRecordMode(String)

  /// A file exists but cannot be read (a folder in its place, no permission).
  ///
  /// A golden file that does not exist is not an error: it is missing.
  ///
  ///     print(GoldenFileError.unreadable(path: "golden.txt", reason: "Is a directory"))
  ///     // cannot read golden.txt: Is a directory
  case unreadable(path: String, reason: String)

  /// A file or its folder cannot be written, or a stale `.new` file cannot be removed.
  ///
  /// Golden files are written atomically, so a failed write leaves the old file whole.
  ///
  ///     print(GoldenFileError.unwritable(path: "golden.txt", reason: "Permission denied"))
  ///     // cannot write golden.txt: Permission denied
  case unwritable(path: String, reason: String)

  /// The error in one line, naming the file or the variable concerned.
  ///
  /// Test-framework adapters report this text as the failure.
  ///
  ///     print(GoldenFileError.unreadable(path: "a.txt", reason: "Permission denied"))
  ///     // cannot read a.txt: Permission denied
  public var description: String {
    switch self {
    case .unknownRecordMode(let value):
      "\(RecordMode.environmentVariable)=\(value) is not a record mode: use missing, all or never"
    case .unreadable(let path, let reason): "cannot read \(path): \(reason)"
    case .unwritable(let path, let reason): "cannot write \(path): \(reason)"
    }
  }
}
