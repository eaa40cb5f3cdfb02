/// Something flags can be downloaded from: a mock on a virtual clock, or real HTTP.
///
/// Two ways to ask, one per style of the chapter: ``get(_:)-(String)`` blocks the calling
/// thread (the sequential and thread-pool programs), and the `async` overload suspends the
/// calling task (the async program). Either way the answer is a ``FlagResponse`` whatever
/// its status — a 404 is an answer, not an error — or a ``FlagNetworkError`` when no answer
/// came: the connection failed or the time-out passed.
///
///     let response = try network.get("http://127.0.0.1:8001/flags/cn/cn.gif")
///     print(response.status, response.body.count)
///     // 200 11843
///     let missing = try await network.get("http://127.0.0.1:8001/flags/xx/xx.gif")
///     print(missing.status, missing.reason)
///     // 404 Not Found
public protocol FlagNetwork: Sendable {
  /// Fetches `url`, blocking the calling thread until the answer or the error.
  ///
  /// In a virtual runtime only a mock may block: it waits on the runtime's clock.
  func get(_ url: String) throws(FlagNetworkError) -> FlagResponse

  /// Fetches `url`, suspending the calling task until the answer or the error.
  ///
  /// Cancelling the task ends the request with a ``FlagNetworkError``.
  func get(_ url: String) async throws(FlagNetworkError) -> FlagResponse
}
