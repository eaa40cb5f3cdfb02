import Flags
import Foundation

/// `flags2_asyncio.py`: coroutines in a task group, at most `concurrency` requests in
/// flight, results counted as they complete.
public enum Flags2Async {}

// cell: flags2-async-get-flag
extension Flags2Async {
  /// Downloads one flag without blocking a thread; any status but 200 is thrown.
  public static func getFlag(_ site: FlagSite, _ cc: String) async throws -> Data {
    let url = "\(site.baseURL)/\(cc.lowercased())/\(cc.lowercased()).gif"
    let response = try await site.network.get(url)
    guard response.status == 200 else { throw HTTPStatusError(response, url: url) }
    return response.body
  }

  /// Downloads and saves one flag: 404 is "not found", other errors go to the caller.
  public static func downloadOne(
    _ site: FlagSite, _ cc: String, verbose: Bool
  ) async throws -> DownloadStatus {
    let status: DownloadStatus
    let message: String
    do {
      let image = try await getFlag(site, cc)
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

// cell: flags2-async-supervisor
extension Flags2Async {
  /// Runs `downloadOne` for every flag in a task group, starting a new download each time
  /// one finishes so that at most `concurrency` are in flight, and counts the results.
  public static func supervisor(
    _ site: FlagSite, _ ccList: [String], verbose: Bool, concurrency: Int
  ) async -> [DownloadStatus: Int] {
    let progress = verbose ? nil : site.progressBar(total: ccList.count)
    return await withTaskGroup(of: (String, Result<DownloadStatus, any Error>).self) { group in
      var counter: [DownloadStatus: Int] = [:]
      var toDo = ccList.sorted()[...]
      var inFlight = 0
      while true {
        while inFlight < concurrency, let cc = toDo.popFirst() {
          group.addTask {
            // Not `return (cc, .success(try await …))` inside do/catch: Swift 6.3.1's
            // optimiser miscompiles that form (CI compares release with debug output).
            let result: Result<DownloadStatus, any Error>
            do {
              result = .success(try await downloadOne(site, cc, verbose: verbose))
            } catch {
              result = .failure(error)
            }
            return (cc, result)
          }
          inFlight += 1
        }
        guard let (cc, result) = await group.next() else { break }
        inFlight -= 1
        let status: DownloadStatus
        let errorMessage: String?
        switch result {
        case .success(let downloaded):
          status = downloaded
          errorMessage = nil
        case .failure(let error as HTTPStatusError):
          status = .error
          errorMessage = "HTTP error \(error.status) - \(error.reason)"
        case .failure(let error):
          status = .error
          errorMessage = "\(error)"
        }
        counter[status, default: 0] += 1
        if verbose, let errorMessage { echo("*** Error for \(cc): \(errorMessage)") }
        progress?.update()
      }
      return counter
    }
  }
}
// end cell
