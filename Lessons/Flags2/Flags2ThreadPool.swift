import Flags
import Futures

/// `flags2_threadpool.py`: `downloadOne` in a pool of threads, results counted as they
/// complete with `asCompleted`.
public enum Flags2ThreadPool {}

// cell: flags2-threadpool-download-many
extension Flags2ThreadPool {
  /// Submits one `downloadOne` per flag to a pool of `concurrency` threads
  /// and counts the results in the order they finish.
  public static func downloadMany(
    _ site: FlagSite, _ ccList: [String], verbose: Bool, concurrency: Int
  ) throws -> [DownloadStatus: Int] {
    var counter: [DownloadStatus: Int] = [:]
    try withThreadPoolExecutor(maxWorkers: concurrency) { executor in
      var toDo: [Future<DownloadStatus>] = []
      var toDoMap: [Future<DownloadStatus>: String] = [:]
      for cc in ccList.sorted() {
        let future = try executor.submit {
          try Flags2Sequential.downloadOne(site, cc, verbose: verbose)
        }
        toDo.append(future)
        toDoMap[future] = cc
      }
      let progress = verbose ? nil : site.progressBar(total: ccList.count)
      for future in asCompleted(toDo) {
        let status: DownloadStatus
        let errorMessage: String?
        do {
          status = try future.result()
          errorMessage = nil
        } catch let error as HTTPStatusError {
          status = .error
          errorMessage = "HTTP error \(error.status) - \(error.reason)"
        } catch {
          status = .error
          errorMessage = "\(error)"
        }
        counter[status, default: 0] += 1
        if verbose, let errorMessage, let cc = toDoMap[future] {
          echo("*** Error for \(cc): \(errorMessage)")
        }
        progress?.update()
      }
    }
    return counter
  }
}
// end cell
