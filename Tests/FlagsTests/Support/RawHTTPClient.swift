import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// A deliberately dumb HTTP client over a raw socket, so tests control every byte sent.
final class RawHTTPClient {
  /// A parsed response.
  struct Response {
    var status: Int
    /// Lower-cased names.
    var headers: [String: String]
    var body: [UInt8]
    var text: String { String(decoding: body, as: UTF8.self) }
  }

  /// Why a client call failed.
  struct Failure: Error, CustomStringConvertible {
    var description: String
  }

  let fd: Int32
  private var buffer: [UInt8] = []

  /// Connects to 127.0.0.1:`port`, with a receive time-out so a test can never hang.
  init(port: UInt16, timeoutSeconds: Int = 10) throws {
    fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { throw Failure(description: "socket: errno \(errno)") }
    var timeout = timeval(tv_sec: timeoutSeconds, tv_usec: 0)
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = port.bigEndian
    address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
    let result = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    guard result == 0 else {
      let code = errno
      Glibc.close(fd)
      throw Failure(description: "connect: errno \(code)")
    }
  }

  deinit { Glibc.close(fd) }

  /// Sends raw bytes.
  func send(_ bytes: [UInt8]) throws {
    var offset = 0
    while offset < bytes.count {
      let sent = bytes.withUnsafeBytes {
        Glibc.send(fd, $0.baseAddress! + offset, $0.count - offset, Int32(MSG_NOSIGNAL))
      }
      if sent < 0 && errno == EINTR { continue }
      guard sent > 0 else { throw Failure(description: "send: errno \(errno)") }
      offset += sent
    }
  }

  /// Sends text as UTF-8.
  func send(_ text: String) throws { try send(Array(text.utf8)) }

  /// Sends a GET (or other method) with a Host header.
  func request(_ path: String, method: String = "GET", extra: String = "") throws {
    try send("\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\n\(extra)\r\n")
  }

  /// Reads one response; for HEAD pass `head: true` (no body follows the headers).
  func readResponse(head: Bool = false) throws -> Response {
    var end: Int?
    while end == nil {
      end = headEnd()
      if end == nil { guard try fill() else { throw Failure(description: "EOF in head") } }
    }
    let headBytes = buffer[0..<end!]
    buffer.removeSubrange(0..<end!)
    let lines = String(decoding: headBytes, as: UTF8.self).components(separatedBy: "\r\n")
    let statusParts = lines[0].split(separator: " ")
    guard statusParts.count >= 2, statusParts[0] == "HTTP/1.1", let status = Int(statusParts[1])
    else { throw Failure(description: "status line '\(lines[0])'") }
    var headers: [String: String] = [:]
    for line in lines.dropFirst() where !line.isEmpty {
      guard let colon = line.firstIndex(of: ":") else { continue }
      headers[line[..<colon].lowercased()] = line[line.index(after: colon)...]
        .trimmingCharacters(in: .whitespaces)
    }
    let length = head ? 0 : Int(headers["content-length"] ?? "0") ?? 0
    while buffer.count < length {
      guard try fill() else { throw Failure(description: "EOF in body") }
    }
    let body = Array(buffer[0..<length])
    buffer.removeSubrange(0..<length)
    return Response(status: status, headers: headers, body: body)
  }

  /// Whether the server closed the connection (reads until EOF; anything else is an error).
  func isClosedByServer() throws -> Bool {
    while true {
      if !buffer.isEmpty { return false }
      guard try fill() else { return true }
    }
  }

  private func headEnd() -> Int? {
    guard buffer.count >= 4 else { return nil }
    for index in 0...(buffer.count - 4)
    where buffer[index] == 13 && buffer[index + 1] == 10 && buffer[index + 2] == 13
      && buffer[index + 3] == 10
    {
      return index + 4
    }
    return nil
  }

  /// Reads more bytes; `false` at EOF or connection reset.
  private func fill() throws -> Bool {
    var chunk = [UInt8](repeating: 0, count: 65536)
    while true {
      let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
      if count > 0 {
        buffer += chunk[0..<count]
        return true
      }
      if count == 0 { return false }
      if errno == EINTR { continue }
      if errno == ECONNRESET { return false }
      throw Failure(description: "recv: errno \(errno) (timed out?)")
    }
  }

  /// One request on a fresh connection.
  static func get(
    port: UInt16, _ path: String, method: String = "GET", extra: String = ""
  ) throws -> Response {
    let client = try RawHTTPClient(port: port)
    try client.request(path, method: method, extra: extra)
    return try client.readResponse(head: method == "HEAD")
  }
}
