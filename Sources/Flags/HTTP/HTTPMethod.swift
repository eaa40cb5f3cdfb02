/// The methods ``HTTPClient`` sends: what the flag site needs.
///
///     try client.send(.head, "http://127.0.0.1:8001/flags/cn/cn.gif").status
///     // 200 (and no body)
public enum HTTPMethod: String, Sendable, Equatable {
  /// Fetch a resource.
  case get = "GET"
  /// Ask for a resource's status and headers without its body.
  case head = "HEAD"
}
