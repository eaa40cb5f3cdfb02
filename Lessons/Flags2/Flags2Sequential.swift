import Flags
import Foundation

/// `flags2_sequential.py`: one flag after another, with a progress bar and the chapter's
/// error handling. Its `downloadOne` is shared with the thread-pool version, as the book's
/// `flags2_threadpool.py` imports it.
public enum Flags2Sequential {}

// cell: flags2-sequential-get-flag
extension Flags2Sequential {
  /// Downloads one flag; any status but 200 is thrown, as
  /// `raise_for_status()` does.
  public static func getFlag(
    _ site: FlagSite, _ cc: String
  ) throws -> Data {
    let url = "\(site.baseURL)/\(cc.lowercased())/\(cc.lowercased()).gif"
    let response = try site.network.get(url)
    guard response.status == 200 else {
      throw HTTPStatusError(response, url: url)
    }
    return response.body
  }
}
// end cell

// cell: flags2-sequential-download-one
extension Flags2Sequential {
  /// Downloads and saves one flag: 404 is "not found", other errors go
  /// to the caller.
  public static func downloadOne(
    _ site: FlagSite, _ cc: String, verbose: Bool
  ) throws -> DownloadStatus {
    let status: DownloadStatus
    let message: String
    do {
      let image = try getFlag(site, cc)
      try site.save(image, as: "\(cc.lowercased()).gif")
      status = .ok
      message = "OK"
    } catch let error as HTTPStatusError where error.status == 404 {
      status = .notFound
      message = "not found"
    }
    if verbose { echo("\(cc) \(message)") }
    return status
  }
}
// end cell

// cell: flags2-sequential-download-many
extension Flags2Sequential {
  /// Downloads the flags one by one and counts how each download ended.
  public static func downloadMany(
    _ site: FlagSite, _ ccList: [String], verbose: Bool, concurrency _: Int
  ) -> [DownloadStatus: Int] {
    var counter: [DownloadStatus: Int] = [:]
    let progress = verbose ? nil : site.progressBar(total: ccList.count)
    for cc in ccList.sorted() {
      let status: DownloadStatus
      let errorMessage: String?  // a new one for every flag: no stale error
      do {
        status = try downloadOne(site, cc, verbose: verbose)
        errorMessage = nil
      } catch let error as HTTPStatusError {
        status = .error
        errorMessage = "HTTP error \(error.status) - \(error.reason)"
      } catch {
        // a connection error, a time-out, a flag that cannot be saved
        status = .error
        errorMessage = "\(error)"
      }
      counter[status, default: 0] += 1
      if verbose, let errorMessage {
        echo("*** Error for \(cc): \(errorMessage)")
      }
      progress?.update()
    }
    return counter
  }
}
// end cell
