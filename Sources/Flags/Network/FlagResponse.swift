import Foundation

/// An HTTP answer: its status, the standard reason phrase and the body.
///
///     FlagResponse(status: 500, body: Data()).reason   // "Internal Server Error"
public struct FlagResponse: Equatable, Sendable {
  /// The status code, such as 200 or 404.
  public var status: Int
  /// The reason phrase of ``status`` (`OK`, `Not Found`, `Internal Server Error`, …).
  public var reason: String
  /// The body: the GIF bytes when ``status`` is 200.
  public var body: Data

  /// An answer with `status` and `body`; the reason phrase comes from the status.
  public init(status: Int, body: Data) {
    self.status = status
    self.reason = Self.reasonPhrase(for: status)
    self.body = body
  }

  /// The standard reason phrase of an HTTP status code, as Python's `http.HTTPStatus` has it.
  ///
  /// Both networks use this table, so messages do not depend on what a server calls a status.
  public static func reasonPhrase(for status: Int) -> String {
    switch status {
    case 200: "OK"
    case 301: "Moved Permanently"
    case 302: "Found"
    case 304: "Not Modified"
    case 400: "Bad Request"
    case 401: "Unauthorized"
    case 403: "Forbidden"
    case 404: "Not Found"
    case 405: "Method Not Allowed"
    case 408: "Request Timeout"
    case 414: "URI Too Long"
    case 418: "I'm a Teapot"
    case 429: "Too Many Requests"
    case 431: "Request Header Fields Too Large"
    case 500: "Internal Server Error"
    case 501: "Not Implemented"
    case 502: "Bad Gateway"
    case 503: "Service Unavailable"
    case 504: "Gateway Timeout"
    case 505: "HTTP Version Not Supported"
    default: HTTPURLResponseReason.fallback(status)
    }
  }
}

/// Phrases for codes outside the table, by class.
private enum HTTPURLResponseReason {
  static func fallback(_ status: Int) -> String {
    switch status {
    case 100..<200: "Informational"
    case 200..<300: "Success"
    case 300..<400: "Redirection"
    case 400..<500: "Client Error"
    default: "Server Error"
    }
  }
}
