import ConcurrencyRuntime
import Flags
import Foundation

/// A flag network that stops taking requests once Ctrl-C is pressed: every request after it
/// fails at once as `Cancelled`, and is counted, so that `flags2` can report those codes as
/// interrupted rather than as errors.
///
/// Requests already under way finish (each within the time-out), so every requested code
/// still ends exactly once — downloaded, not found, an error, or refused here.
///
///     let network = InterruptibleNetwork(HTTPFlagNetwork(maxConnections: 30))
///     // ^C
///     try network.get(url)     // throws FlagNetworkError.cancelled
///     network.refused          // 1
final class InterruptibleNetwork: FlagNetwork, @unchecked Sendable {
  // `count` is guarded by `lock`, hence @unchecked Sendable.
  private let wrapped: any FlagNetwork
  private let isInterrupted: @Sendable () -> Bool
  private let lock = NSLock()
  private var count = 0

  /// `wrapped`, refusing requests once `isInterrupted` says so (Ctrl-C by default).
  init(
    _ wrapped: any FlagNetwork,
    isInterrupted: @escaping @Sendable () -> Bool = { Interrupt.isRequested }
  ) {
    self.wrapped = wrapped
    self.isInterrupted = isInterrupted
  }

  /// How many requests were refused.
  var refused: Int { lock.withLock { count } }

  func get(_ url: String) throws(FlagNetworkError) -> FlagResponse {
    try refuseIfInterrupted()
    return try wrapped.get(url)
  }

  func get(_ url: String) async throws(FlagNetworkError) -> FlagResponse {
    try refuseIfInterrupted()
    return try await wrapped.get(url)
  }

  private func refuseIfInterrupted() throws(FlagNetworkError) {
    guard isInterrupted() else { return }
    lock.withLock { count += 1 }
    throw .cancelled
  }
}
