/// The request line and headers of one HTTP/1.x request, parsed strictly.
///
/// The flag server only needs GET and HEAD, so anything unusual is refused with the
/// status code RFC 9110/9112 suggest rather than guessed at: a malformed line is 400, a
/// target over 2048 bytes 414, a header section over 8 KiB 431, a version other than
/// 1.0/1.1 505, a method other than GET/HEAD 405. Parsing works on bytes and never traps.
struct HTTPRequestHead: Equatable {
  /// `GET` or `HEAD`.
  var method: String
  /// The request target exactly as sent, e.g. `/flags/ad/ad.gif`.
  var target: String
  /// The `y` of `HTTP/1.y`: 0 or 1.
  var minorVersion: Int
  /// Header names (lower-cased) and trimmed values, in order.
  var headers: [Header]
  /// The announced body length (0 without `Content-Length`); the server discards the body.
  var contentLength: Int
  /// Whether the connection stays open after the response.
  var keepAlive: Bool

  /// One header field.
  struct Header: Equatable {
    /// The lower-cased field name.
    var name: String
    /// The value, without surrounding spaces and tabs.
    var value: String
  }

  /// Longest request target accepted; longer ones get 414.
  static let maxTargetLength = 2048
  /// Largest header section (after the request line) accepted; larger ones get 431.
  static let maxHeaderBytes = 8192
  /// Largest request body the server will read and discard.
  static let maxBodyLength = 1 << 20

  /// Where a request head sits in a buffer of received bytes.
  enum Framing: Equatable {
    /// More bytes are needed.
    case incomplete
    /// The head spans `start..<end` (`end` is just past the blank line).
    case complete(start: Int, end: Int)
    /// The head is already too large: answer this status and close.
    case tooLarge(status: Int)
  }

  /// Finds the head in `buffer`, skipping blank lines before the request line (RFC 9112 §2.2).
  static func frame(_ buffer: [UInt8]) -> Framing {
    var start = 0
    while start < buffer.count, buffer[start] == 13 || buffer[start] == 10 { start += 1 }
    guard let lineEnd = buffer[start...].firstIndex(of: 10) else {
      let pending = buffer.count - start
      return pending > maxTargetLength + 64 ? .tooLarge(status: 414) : .incomplete
    }
    if lineEnd - start > maxTargetLength + 64 { return .tooLarge(status: 414) }
    // The blank line: the LF ending the previous line followed by LF or CR LF.
    var index = lineEnd
    while index < buffer.count {
      guard buffer[index] == 10 else {
        index += 1
        continue
      }
      if index + 1 < buffer.count, buffer[index + 1] == 10 {
        return checked(start: start, lineEnd: lineEnd, end: index + 2)
      }
      if index + 2 < buffer.count, buffer[index + 1] == 13, buffer[index + 2] == 10 {
        return checked(start: start, lineEnd: lineEnd, end: index + 3)
      }
      index += 1
    }
    return buffer.count - lineEnd > maxHeaderBytes ? .tooLarge(status: 431) : .incomplete
  }

  private static func checked(start: Int, lineEnd: Int, end: Int) -> Framing {
    end - lineEnd > maxHeaderBytes + 3 ? .tooLarge(status: 431) : .complete(start: start, end: end)
  }

  /// The result of parsing a framed head.
  enum Parsed: Equatable {
    /// A request the server can route.
    case request(HTTPRequestHead)
    /// A request to refuse with `status`, then close the connection.
    case failure(status: Int)
  }

  /// Parses the bytes of a framed head (request line, headers, blank line).
  static func parse(_ bytes: ArraySlice<UInt8>) -> Parsed {
    // The lines, split at LF without a CR before it, in one pass and one array (the server
    // parses a head for every request).
    var lines: [ArraySlice<UInt8>] = []
    lines.reserveCapacity(8)
    var lineStart = bytes.startIndex
    for index in bytes.indices where bytes[index] == 10 {
      lines.append(withoutCR(bytes[lineStart..<index]))
      lineStart = index + 1
    }
    lines.append(withoutCR(bytes[lineStart...]))
    while let last = lines.last, last.isEmpty { lines.removeLast() }
    guard let requestLine = lines.first else { return .failure(status: 400) }
    let parts = requestLine.split(separator: 32, omittingEmptySubsequences: false)
    guard parts.count == 3, parts.allSatisfy({ !$0.isEmpty }),
      requestLine.allSatisfy({ $0 >= 0x20 && $0 < 0x7F })
    else { return .failure(status: 400) }
    let method = parts[0]
    let target = parts[1]
    guard method.allSatisfy(isTokenByte) else { return .failure(status: 400) }
    if target.count > maxTargetLength { return .failure(status: 414) }
    guard let minor = parseVersion(parts[2]) else { return .failure(status: 400) }
    guard minor >= 0 else { return .failure(status: 505) }
    let methodName = String(decoding: method, as: UTF8.self)
    guard methodName == "GET" || methodName == "HEAD" else { return .failure(status: 405) }

    var headers: [Header] = []
    for line in lines.dropFirst() {
      guard let header = parseHeader(line) else { return .failure(status: 400) }
      headers.append(header)
    }
    var hosts = 0
    var length: String?
    var connection = false
    for header in headers {
      switch header.name {
      case "host": hosts += 1
      case "transfer-encoding": return .failure(status: 400)
      // Repeated lengths must all agree.
      case "content-length":
        if let length, length != header.value { return .failure(status: 400) }
        length = header.value
      case "connection": connection = true
      default: break
      }
    }
    if hosts > 1 || (minor == 1 && hosts == 0) { return .failure(status: 400) }
    var contentLength = 0
    if let length {
      guard !length.isEmpty, length.utf8.allSatisfy(isDigit),
        length.count <= 8, let value = Int(length), value <= maxBodyLength
      else { return .failure(status: 400) }
      contentLength = value
    }
    let tokens: [String] =
      !connection
      ? []
      : headers.filter { $0.name == "connection" }
        .flatMap { header in header.value.lowercased().split(separator: ",") }
        .map { token in String(token.filter { $0 != " " && $0 != "\t" }) }
    let keepAlive =
      tokens.contains("close") ? false : (minor == 1 || tokens.contains("keep-alive"))
    return .request(
      HTTPRequestHead(
        method: methodName, target: String(decoding: target, as: UTF8.self),
        minorVersion: minor, headers: headers, contentLength: contentLength,
        keepAlive: keepAlive))
  }

  /// The minor version of `HTTP/1.0` or `HTTP/1.1`; -1 for another well-formed version
  /// (such as `HTTP/2.0`), `nil` for a malformed one.
  private static func parseVersion(_ bytes: ArraySlice<UInt8>) -> Int? {
    guard bytes.count == 8, bytes.prefix(5).elementsEqual("HTTP/".utf8) else { return nil }
    let (major, dot, minor) = (
      bytes[bytes.startIndex + 5], bytes[bytes.startIndex + 6], bytes[bytes.startIndex + 7]
    )
    guard isDigit(major), dot == UInt8(ascii: "."), isDigit(minor) else { return nil }
    guard major == UInt8(ascii: "1"), minor <= UInt8(ascii: "1") else { return -1 }
    return Int(minor - UInt8(ascii: "0"))
  }

  /// A line without the CR of its CR LF ending.
  private static func withoutCR(_ line: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
    line.last == 13 ? line.dropLast() : line
  }

  /// A `name: value` line, or `nil` if it is malformed (including obsolete line folding).
  private static func parseHeader(_ line: ArraySlice<UInt8>) -> Header? {
    guard let colon = line.firstIndex(of: UInt8(ascii: ":")), colon > line.startIndex else {
      return nil
    }
    let name = line[..<colon]
    guard name.allSatisfy(isTokenByte) else { return nil }
    var value = line[(colon + 1)...]
    while let first = value.first, first == 32 || first == 9 { value = value.dropFirst() }
    while let last = value.last, last == 32 || last == 9 { value = value.dropLast() }
    guard value.allSatisfy({ $0 == 9 || ($0 >= 0x20 && $0 != 0x7F) }) else { return nil }
    return Header(
      name: String(decoding: name, as: UTF8.self).lowercased(),
      value: String(decoding: value, as: UTF8.self))
  }

  private static func isDigit(_ byte: UInt8) -> Bool {
    byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
  }

  /// RFC 9110 `tchar`: the bytes allowed in methods and header names.
  private static func isTokenByte(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
      UInt8(ascii: "0")...UInt8(ascii: "9"):
      return true
    default:
      return Array("!#$%&'*+-.^_`|~".utf8).contains(byte)
    }
  }
}
