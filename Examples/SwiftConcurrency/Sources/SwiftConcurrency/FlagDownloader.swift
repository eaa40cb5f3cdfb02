/// Downloads many flags in a task group, never more than `maxInFlight` at once: the first
/// few start together, and each one that finishes lets the next one start.
///
/// The lines it logs: `fetching XX` when a child starts, `XX: N bytes (k/total)` when the
/// group hands its result back, in the order downloads finish.
///
///     let downloader = FlagDownloader(maxInFlight: 2, log: { print($0) })
///     let flags = try await downloader.downloadAll(["CN", "IN", "US"])
///     // fetching CN
///     // fetching IN
///     // IN: 1589 bytes (1/3)    (after 0.2 s)
///     // fetching US
///     // US: 1678 bytes (2/3)    (after 0.3 s)
///     // CN: 1547 bytes (3/3)    (after 0.5 s)
public struct FlagDownloader: Sendable {
  /// The most downloads running at once (at least 1).
  public var maxInFlight: Int
  /// Where the progress lines go.
  public var log: Log
  /// The server the flags come from.
  public var server: FlagServer

  /// A downloader of at most `maxInFlight` flags at once from `server`, logging to `log`.
  public init(maxInFlight: Int, server: FlagServer = FlagServer(), log: @escaping Log) {
    self.maxInFlight = max(1, maxInFlight)
    self.server = server
    self.log = log
  }

  /// Downloads the flag of every code and returns them in the order they finished; the
  /// first failure cancels the rest and is thrown.
  public func downloadAll(_ codes: [String]) async throws -> [Flag] {
    let (server, log) = (self.server, self.log)
    return try await withThrowingTaskGroup(of: Flag.self) { group in
      var waiting = codes.makeIterator()
      func start(_ code: String) {
        group.addTask {
          log("fetching \(code)")
          return try await server.download(code)
        }
      }
      for _ in 0..<maxInFlight {
        guard let code = waiting.next() else { break }
        start(code)
      }
      var flags: [Flag] = []
      while let flag = try await group.next() {
        flags.append(flag)
        log("\(flag.code): \(flag.bytes) bytes (\(flags.count)/\(codes.count))")
        if let code = waiting.next() { start(code) }
      }
      return flags
    }
  }
}
