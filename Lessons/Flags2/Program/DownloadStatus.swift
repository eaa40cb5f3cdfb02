/// How one flag download ended, as the book's `DownloadStatus` (`HTTPStatus` in the 1st
/// edition): the programs count these in a `[DownloadStatus: Int]`, Python's `Counter`.
///
///     var counter: [DownloadStatus: Int] = [:]
///     counter[.ok, default: 0] += 1
public enum DownloadStatus: String, CaseIterable, Hashable, Sendable {
  /// Downloaded and saved.
  case ok
  /// The site answered 404: no such flag.
  case notFound = "not found"
  /// Any other failure: another HTTP status, a connection error or a time-out.
  case error
}
