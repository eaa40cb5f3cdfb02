/// The three ways the chapter downloads flags, with the book's concurrency settings.
///
///     Flags2Style.threadpool.defaultConcurrency   // 30
///     Flags2Style.async.maxConcurrency            // 1000
public enum Flags2Style: String, CaseIterable, Equatable, Sendable {
  /// One download after another (`flags2_sequential.py`).
  case sequential
  /// A thread pool with `submit` and `asCompleted` (`flags2_threadpool.py`).
  case threadpool
  /// A task group with a limit on concurrent requests (`flags2_asyncio.py`).
  case async

  /// `--max_req`'s default: 1, 30 or 5 (the book's `DEFAULT_CONCUR_REQ`).
  public var defaultConcurrency: Int {
    switch self {
    case .sequential: 1
    case .threadpool: 30
    case .async: 5
    }
  }

  /// The most concurrent requests whatever `--max_req` says (`MAX_CONCUR_REQ`).
  public var maxConcurrency: Int {
    switch self {
    case .sequential: 1
    case .threadpool, .async: 1000
    }
  }

  /// The styles as a usage message lists them.
  public static let choices = "sequential, threadpool or async"
}
