import Foundation

/// Reads one HTTP/1.x response from bytes as they arrive, however they are split: the status
/// line, the headers, and a body framed by `Content-Length`, by chunks, or by the end of the
/// connection.
///
/// Both faces of ``HTTPClient`` feed it: the blocking one after `poll`, the async one after the
/// event loop says the socket is readable. It never blocks and never reads a socket itself.
///
///     var parser = HTTPResponseParser(method: .get)
///     let bytes = Array("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi".utf8)
///     print(bytes.withUnsafeBytes { parser.receive($0) }, parser.status)
///     // complete 200
struct HTTPResponseParser {
  /// How far the response has come.
  enum Progress: Equatable, CustomStringConvertible {
    /// More bytes are needed.
    case needMore
    /// The response is complete.
    case complete
    /// The bytes are not a well-formed response; the reason says why.
    case invalid(String)

    var description: String {
      switch self {
      case .needMore: "need more"
      case .complete: "complete"
      case .invalid(let reason): "invalid: \(reason)"
      }
    }
  }

  private enum State: Equatable {
    case head
    case fixed(remaining: Int)
    case chunkSize
    case chunkData(remaining: Int)
    case chunkEnd
    case trailers
    case untilClose
    case done
  }

  /// The status code (0 until the status line has arrived).
  private(set) var status = 0
  /// The server's reason phrase.
  private(set) var reason = ""
  /// The headers, names in lower case; repeated headers joined with `, `.
  private(set) var headers: [String: String] = [:]
  /// The body so far (decoded from chunks if it was chunked).
  private(set) var body: [UInt8] = []
  /// Whether the connection may carry another request after this response.
  private(set) var keepAlive = true
  /// Every byte received so far, head and body.
  private(set) var bytesReceived = 0

  private let method: HTTPMethod
  private var state = State.head
  private var buffer: [UInt8] = []
  private var start = 0
  private var scanned = 0
  private var declaredLength = 0

  /// The longest response head accepted.
  static let maxHead = 64 * 1024
  /// The largest body accepted (flags are at most tens of kilobytes).
  static let maxBody = 64 * 1024 * 1024

  /// A parser for the response to a request with `method` (a HEAD response has no body).
  init(method: HTTPMethod) { self.method = method }

  /// Bytes received but not part of this response: a server that sent more than it said.
  var leftover: Int { buffer.count - start }

  /// Whether the response is complete.
  var isComplete: Bool { state == .done }

  /// Takes `bytes` just received and says how far the response has come.
  mutating func receive(_ bytes: UnsafeRawBufferPointer) -> Progress {
    bytesReceived += bytes.count
    if case .fixed(let remaining) = state, start == buffer.count {
      // The common case, a body arriving in pieces: straight into the body.
      let taken = min(remaining, bytes.count)
      body.append(contentsOf: bytes[0..<taken])
      state = remaining == taken ? .done : .fixed(remaining: remaining - taken)
      if taken < bytes.count { buffer.append(contentsOf: bytes[taken...]) }
      return state == .done ? .complete : .needMore
    }
    buffer.append(contentsOf: bytes)
    return parse()
  }

  /// The peer closed the connection: the response is complete only if its body ran to the end
  /// of the connection.
  mutating func finish() -> Progress {
    switch state {
    case .done:
      return .complete
    case .untilClose:
      state = .done
      keepAlive = false
      return .complete
    case .head:
      return .invalid(
        bytesReceived == 0
          ? "the connection closed before any response"
          : "the connection closed in the middle of the response head")
    case .fixed(let remaining):
      return .invalid(
        "the connection closed after \(declaredLength - remaining) of \(declaredLength) body bytes"
      )
    case .chunkSize, .chunkData, .chunkEnd, .trailers:
      return .invalid("the connection closed in the middle of a chunked body")
    }
  }

  private mutating func parse() -> Progress {
    while true {
      switch state {
      case .done:
        return .complete
      case .head:
        guard let end = find(Self.blankLine) else {
          if buffer.count - start > Self.maxHead {
            return .invalid("the response head is too long")
          }
          return .needMore
        }
        let head = buffer[start..<end]
        start = end + Self.blankLine.count
        scanned = start
        if let problem = readHead(head) { return .invalid(problem) }
      case .fixed(let remaining):
        let taken = min(remaining, buffer.count - start)
        body.append(contentsOf: buffer[start..<start + taken])
        start += taken
        guard taken == remaining else {
          state = .fixed(remaining: remaining - taken)
          compact()
          return .needMore
        }
        state = .done
      case .chunkSize:
        guard let end = find(Self.lineEnd) else { return needMore(limit: 1024) }
        let line = buffer[start..<end].prefix { $0 != UInt8(ascii: ";") }
        start = end + 2
        scanned = start
        let digits = String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespaces)
        guard let size = Int(digits, radix: 16), size >= 0 else {
          return .invalid("a bad chunk size '\(Self.printable(line))'")
        }
        guard body.count + size <= Self.maxBody else { return .invalid("the body is too large") }
        state = size == 0 ? .trailers : .chunkData(remaining: size)
      case .chunkData(let remaining):
        let taken = min(remaining, buffer.count - start)
        body.append(contentsOf: buffer[start..<start + taken])
        start += taken
        scanned = start
        guard taken == remaining else {
          state = .chunkData(remaining: remaining - taken)
          compact()
          return .needMore
        }
        state = .chunkEnd
      case .chunkEnd:
        guard buffer.count - start >= 2 else { return .needMore }
        guard buffer[start] == 13, buffer[start + 1] == 10 else {
          return .invalid("a chunk longer than its size")
        }
        start += 2
        scanned = start
        state = .chunkSize
      case .trailers:
        guard let end = find(Self.lineEnd) else { return needMore(limit: Self.maxHead) }
        let empty = end == start
        start = end + 2
        scanned = start
        if empty { state = .done }
      case .untilClose:
        body.append(contentsOf: buffer[start...])
        start = buffer.count
        compact()
        guard body.count <= Self.maxBody else { return .invalid("the body is too large") }
        return .needMore
      }
    }
  }

  /// Reads the status line and headers and decides how the body is framed; a problem, or nil.
  private mutating func readHead(_ head: ArraySlice<UInt8>) -> String? {
    let lines = head.split(separator: 10, omittingEmptySubsequences: false).map {
      $0.last == 13 ? $0.dropLast() : $0
    }
    guard let statusLine = lines.first, let parsed = Self.statusLine(statusLine) else {
      return "not an HTTP response: '\(Self.printable(lines.first ?? []))'"
    }
    status = parsed.status
    reason = parsed.reason
    headers = [:]
    for line in lines.dropFirst() {
      guard let colon = line.firstIndex(of: UInt8(ascii: ":")), colon > line.startIndex else {
        return "a malformed header line '\(Self.printable(line))'"
      }
      let name = String(decoding: line[..<colon], as: UTF8.self).lowercased()
      let value = String(decoding: line[(colon + 1)...], as: UTF8.self)
        .trimmingCharacters(in: .whitespaces)
      headers[name] = headers[name].map { "\($0), \(value)" } ?? value
    }
    let connection = headers["connection"]?.lowercased() ?? ""
    keepAlive =
      parsed.minorVersion >= 1 ? !connection.contains("close") : connection.contains("keep-alive")
    if (100..<200).contains(status) {
      // An interim answer (100 Continue): the real one follows.
      state = .head
      return nil
    }
    if method == .head || status == 204 || status == 304 {
      state = .done
      return nil
    }
    if let coding = headers["transfer-encoding"]?.lowercased() {
      guard coding.split(separator: ",").last?.trimmingCharacters(in: .whitespaces) == "chunked"
      else { return "an unsupported Transfer-Encoding '\(coding)'" }
      state = .chunkSize
      return nil
    }
    if let lengths = headers["content-length"] {
      let values = Set(
        lengths.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
      guard values.count == 1, let text = values.first, let length = Int(text), length >= 0,
        text.allSatisfy(\.isASCII)
      else { return "a bad Content-Length '\(lengths)'" }
      guard length <= Self.maxBody else { return "the body is too large (\(length) bytes)" }
      declaredLength = length
      body.reserveCapacity(length)
      state = length == 0 ? .done : .fixed(remaining: length)
      return nil
    }
    state = .untilClose
    keepAlive = false
    return nil
  }

  /// `HTTP/1.x NNN reason` as its parts, or nil.
  private static func statusLine(_ line: ArraySlice<UInt8>) -> (
    minorVersion: Int, status: Int, reason: String
  )? {
    let bytes = Array(line)
    guard bytes.count >= 12, bytes[0..<7].elementsEqual("HTTP/1.".utf8),
      (48...57).contains(bytes[7]), bytes[8] == 32,
      bytes[9..<12].allSatisfy({ (48...57).contains($0) }),
      bytes.count == 12 || bytes[12] == 32
    else { return nil }
    let status = bytes[9..<12].reduce(0) { $0 * 10 + Int($1 - 48) }
    guard status >= 100 else { return nil }
    let reason = bytes.count > 13 ? String(decoding: bytes[13...], as: UTF8.self) : ""
    return (Int(bytes[7] - 48), status, reason)
  }

  private func needMore(limit: Int) -> Progress {
    buffer.count - start > limit ? .invalid("a line too long in a chunked body") : .needMore
  }

  /// Where `pattern` starts at or after `start`, scanning each byte once across calls.
  private mutating func find(_ pattern: [UInt8]) -> Int? {
    var index = max(scanned, start)
    let last = buffer.count - pattern.count
    while index <= last {
      if buffer[index] == pattern[0], buffer[index..<index + pattern.count].elementsEqual(pattern) {
        return index
      }
      index += 1
    }
    scanned = max(start, last + 1)
    return nil
  }

  /// Drops consumed bytes once they are most of the buffer.
  private mutating func compact() {
    guard start > 4096, start * 2 > buffer.count else { return }
    buffer.removeSubrange(0..<start)
    scanned -= start
    start = 0
  }

  private static let blankLine: [UInt8] = [13, 10, 13, 10]
  private static let lineEnd: [UInt8] = [13, 10]

  /// At most 40 bytes, unprintable ones as `\xNN`, for messages.
  static func printable(_ bytes: some Collection<UInt8>) -> String {
    var text = ""
    for byte in bytes.prefix(40) {
      switch byte {
      case 0x20..<0x7F where byte != UInt8(ascii: "'"):
        text.unicodeScalars.append(UnicodeScalar(byte))
      default: text += "\\x" + (byte < 16 ? "0" : "") + String(byte, radix: 16)
      }
    }
    return bytes.count > 40 ? text + "..." : text
  }
}
