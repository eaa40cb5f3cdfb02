import Foundation

/// What a server answered: status, reason phrase, headers and body.
///
/// Any status is an answer: a 404 or a 500 comes back as a response, not an error, as with
/// `requests` before `raise_for_status()`.
///
///     let response = try client.get("http://127.0.0.1:8001/flags/cn/cn.gif")
///     print(response.status, response.reason, response.headers["content-type"] ?? "")
///     // 200 OK image/gif
public struct HTTPClientResponse: Sendable, Equatable {
  /// The status code, such as 200 or 404.
  public var status: Int
  /// The reason phrase the server sent (`OK`, `Not Found`, …), which may be empty.
  public var reason: String
  /// The headers, names in lower case; a header sent twice has its values joined by `, `.
  public var headers: [String: String]
  /// The body, decoded from chunks if it came in chunks; empty for a HEAD request.
  public var body: Data

  /// A response with every field given.
  public init(status: Int, reason: String, headers: [String: String] = [:], body: Data = Data()) {
    self.status = status
    self.reason = reason
    self.headers = headers
    self.body = body
  }
}
