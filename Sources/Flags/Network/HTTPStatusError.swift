/// A flag request answered with a status other than 200, as `raise_for_status()` raises.
///
/// The chapter's `getFlag` throws it; `downloadOne` turns a 404 into "not found" and lets
/// any other status through to be counted as an error.
///
///     let error = HTTPStatusError(FlagResponse(status: 500, body: Data()), url: url)
///     print(error)
///     // HTTP error 500 - Internal Server Error
public struct HTTPStatusError: Error, Equatable, CustomStringConvertible, Sendable {
  /// The status code.
  public var status: Int
  /// Its reason phrase.
  public var reason: String
  /// The URL that was asked for.
  public var url: String

  /// The error for `response`, an answer to a request for `url`.
  public init(_ response: FlagResponse, url: String) {
    self.status = response.status
    self.reason = response.reason
    self.url = url
  }

  /// `HTTP error 500 - Internal Server Error`, as the book prints it.
  public var description: String { "HTTP error \(status) - \(reason)" }
}
