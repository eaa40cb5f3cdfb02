import Foundation

/// An HTTP/1.1 response as the flag server writes it: status, a few headers, a body.
///
/// Always sends `Content-Length`, `Content-Type` and `Connection`, so that clients can
/// keep connections alive without guessing where a body ends.
struct HTTPResponse: Equatable {
  /// The status code, e.g. 200.
  var status: Int
  /// The `Content-Type` header.
  var contentType: String
  /// The body; for HEAD its length is still announced, but it is not sent.
  var body: Data
  /// Extra headers, in order (e.g. `Allow` for 405).
  var extraHeaders: [(String, String)] = []

  static func == (lhs: HTTPResponse, rhs: HTTPResponse) -> Bool {
    lhs.status == rhs.status && lhs.contentType == rhs.contentType && lhs.body == rhs.body
      && lhs.extraHeaders.map { "\($0.0):\($0.1)" } == rhs.extraHeaders.map { "\($0.0):\($0.1)" }
  }

  /// A short plain-text error page such as `404 Not Found`.
  static func error(_ status: Int) -> HTTPResponse {
    let text = "\(status) \(reason(for: status))\n"
    var response = HTTPResponse(
      status: status, contentType: "text/plain; charset=utf-8", body: Data(text.utf8))
    if status == 405 { response.extraHeaders.append(("Allow", "GET, HEAD")) }
    return response
  }

  /// The bytes to send: status line, headers, blank line and, unless `head`, the body.
  func serialized(keepAlive: Bool, head: Bool) -> [UInt8] {
    var bytes = self.head(keepAlive: keepAlive)
    if !head { bytes += body }
    return bytes
  }

  /// The status line, headers and blank line, without the body.
  func head(keepAlive: Bool) -> [UInt8] {
    // Appended as bytes, not interpolated into a string first: one buffer per response.
    var bytes: [UInt8] = []
    bytes.reserveCapacity(192)
    bytes += "HTTP/1.1 ".utf8
    bytes += String(status).utf8
    bytes += " ".utf8
    bytes += Self.reason(for: status).utf8
    bytes += "\r\nServer: lessons-flags\r\nContent-Type: ".utf8
    bytes += contentType.utf8
    bytes += "\r\nContent-Length: ".utf8
    bytes += String(body.count).utf8
    bytes += "\r\n".utf8
    for (name, value) in extraHeaders {
      bytes += name.utf8
      bytes += ": ".utf8
      bytes += value.utf8
      bytes += "\r\n".utf8
    }
    bytes += (keepAlive ? "Connection: keep-alive\r\n\r\n" : "Connection: close\r\n\r\n").utf8
    return bytes
  }

  /// The standard reason phrase of the codes the server uses.
  static func reason(for status: Int) -> String {
    switch status {
    case 200: "OK"
    case 400: "Bad Request"
    case 404: "Not Found"
    case 405: "Method Not Allowed"
    case 408: "Request Timeout"
    case 414: "URI Too Long"
    case 431: "Request Header Fields Too Large"
    case 500: "Internal Server Error"
    case 503: "Service Unavailable"
    case 505: "HTTP Version Not Supported"
    default: "Unknown"
    }
  }
}
