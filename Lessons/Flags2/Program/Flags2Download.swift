/// One of the chapter's `download_many` functions, as `flags2` calls it: the site, the
/// codes, verbose or not, and the number of concurrent requests; back comes the count of
/// each ``DownloadStatus``.
///
/// The sequential and thread-pool functions block the calling thread; the async one runs
/// on the runtime's task executor (`runtime.runAsync`), as `asyncio.run` runs a coroutine.
public enum Flags2Download: Sendable {
  /// The signature every style shares.
  public typealias Function =
    @Sendable (
      _ site: FlagSite, _ codes: [String], _ verbose: Bool, _ concurrency: Int
    ) throws -> [DownloadStatus: Int]

  /// The async form of ``Function``.
  public typealias AsyncFunction =
    @Sendable (
      _ site: FlagSite, _ codes: [String], _ verbose: Bool, _ concurrency: Int
    ) async throws -> [DownloadStatus: Int]

  /// A function that blocks its thread: sequential, or a thread pool.
  case blocking(Function)
  /// An async function, run on the runtime's task executor.
  case async(AsyncFunction)
}
