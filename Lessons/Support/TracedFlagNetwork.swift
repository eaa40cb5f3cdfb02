import ConcurrencyRuntime
import Flags

/// A flag network that records each request in the runtime's trace as a task span, from
/// asking to answer, labelled `GET /flags/cn/cn.gif` and run by the `network` executor, on the
/// thread or task that asked. What a property test counts downloads with, and what a timeline
/// draws as the time a thread spent waiting for the network.
struct TracedFlagNetwork: FlagNetwork {
  /// The executor name the spans carry.
  static let executor = "network"

  let wrapped: any FlagNetwork
  let runtime: Runtime

  init(_ wrapped: any FlagNetwork, runtime: Runtime) {
    self.wrapped = wrapped
    self.runtime = runtime
  }

  func get(_ url: String) throws(FlagNetworkError) -> FlagResponse {
    let span = runtime.trace.startSpan(
      label: Self.label(url), executor: Self.executor, in: runtime)
    defer { span.map { runtime.trace.endSpan($0, in: runtime) } }
    return try wrapped.get(url)
  }

  func get(_ url: String) async throws(FlagNetworkError) -> FlagResponse {
    let span = runtime.trace.startSpan(
      label: Self.label(url), executor: Self.executor, in: runtime)
    defer { span.map { runtime.trace.endSpan($0, in: runtime) } }
    return try await wrapped.get(url)
  }

  /// `GET /flags/cn/cn.gif` for `http://127.0.0.1:8002/flags/cn/cn.gif`.
  static func label(_ url: String) -> String {
    guard let scheme = url.range(of: "://") else { return "GET \(url)" }
    let rest = url[scheme.upperBound...]
    return "GET " + (rest.firstIndex(of: "/").map { String(rest[$0...]) } ?? "/")
  }
}
