import Testing

@testable import Flags

/// Feeds `text` to a parser in pieces of `size` bytes and returns the last progress.
func parse(
  _ text: String, method: HTTPMethod = .get, piecesOf size: Int = .max
) -> (HTTPResponseParser.Progress, HTTPResponseParser) {
  var parser = HTTPResponseParser(method: method)
  let bytes = Array(text.utf8)
  var progress = HTTPResponseParser.Progress.needMore
  var index = 0
  while index < bytes.count, progress == .needMore {
    let end = min(index + size, bytes.count)
    progress = bytes[index..<end].withUnsafeBytes { parser.receive($0) }
    index = end
  }
  return (progress, parser)
}

@Suite("HTTPResponseParser")
struct HTTPResponseParserTests {
  static let fixed =
    "HTTP/1.1 200 OK\r\nContent-Type: image/gif\r\nContent-Length: 11\r\n\r\nhello world"
  static let chunked =
    "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
    + "6\r\nhello \r\nA;ext=1\r\nchunked wo\r\n2\r\nrd\r\n0\r\nTrailer: x\r\n\r\n"

  @Test("a Content-Length body, whole or a byte at a time", arguments: [Int.max, 1, 7])
  func fixedLength(size: Int) {
    let (progress, parser) = parse(Self.fixed, piecesOf: size)
    #expect(progress == .complete)
    #expect(parser.status == 200 && parser.reason == "OK")
    #expect(parser.headers["content-type"] == "image/gif")
    #expect(String(decoding: parser.body, as: UTF8.self) == "hello world")
    #expect(parser.keepAlive && parser.leftover == 0)
  }

  @Test("a chunked body, whole or a byte at a time", arguments: [Int.max, 1, 5])
  func chunked(size: Int) {
    let (progress, parser) = parse(Self.chunked, piecesOf: size)
    #expect(progress == .complete)
    #expect(String(decoding: parser.body, as: UTF8.self) == "hello chunked word")
  }

  @Test("keep-alive: HTTP/1.1 unless Connection: close; HTTP/1.0 only if asked")
  func keepAlive() {
    let body = "Content-Length: 0\r\n\r\n"
    #expect(parse("HTTP/1.1 200 OK\r\n" + body).1.keepAlive)
    #expect(!parse("HTTP/1.1 200 OK\r\nConnection: close\r\n" + body).1.keepAlive)
    #expect(!parse("HTTP/1.0 200 OK\r\n" + body).1.keepAlive)
    #expect(parse("HTTP/1.0 200 OK\r\nConnection: Keep-Alive\r\n" + body).1.keepAlive)
  }

  @Test("no body for HEAD, 204 and 304; an interim 100 is skipped")
  func noBody() {
    let head = parse("HTTP/1.1 200 OK\r\nContent-Length: 500\r\n\r\n", method: .head)
    #expect(head.0 == .complete && head.1.body.isEmpty)
    #expect(parse("HTTP/1.1 204 No Content\r\n\r\n").0 == .complete)
    #expect(parse("HTTP/1.1 304 Not Modified\r\nContent-Length: 9\r\n\r\n").0 == .complete)
    let interim = parse("HTTP/1.1 100 Continue\r\n\r\n" + Self.fixed)
    #expect(interim.0 == .complete && interim.1.status == 200)
  }

  @Test("without a length the body runs to the end of the connection")
  func untilClose() {
    var (progress, parser) = parse("HTTP/1.1 200 OK\r\n\r\nto the end")
    #expect(progress == .needMore)
    #expect(parser.finish() == .complete)
    #expect(String(decoding: parser.body, as: UTF8.self) == "to the end")
    #expect(!parser.keepAlive)
  }

  @Test("the end of the connection before the end of the response says where it was")
  func cutShort() {
    var head = parse("HTTP/1.1 200 OK\r\nContent-")
    #expect(head.1.finish() == .invalid("the connection closed in the middle of the response head"))
    var body = parse("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc")
    #expect(body.1.finish() == .invalid("the connection closed after 3 of 10 body bytes"))
    var chunks = parse("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nab")
    #expect(chunks.1.finish() == .invalid("the connection closed in the middle of a chunked body"))
    var nothing = HTTPResponseParser(method: .get)
    #expect(nothing.finish() == .invalid("the connection closed before any response"))
  }

  @Test("bytes that are not a well-formed response are named")
  func invalid() {
    #expect(parse("hello\r\n\r\n").0 == .invalid("not an HTTP response: 'hello'"))
    #expect(parse("HTTP/2 200 OK\r\n\r\n").0 == .invalid("not an HTTP response: 'HTTP/2 200 OK'"))
    #expect(
      parse("HTTP/1.1 200 OK\r\nno colon\r\n\r\n").0
        == .invalid("a malformed header line 'no colon'"))
    #expect(
      parse("HTTP/1.1 200 OK\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\n").0
        == .invalid("a bad Content-Length '3, 4'"))
    #expect(
      parse("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n").0
        == .invalid("a bad chunk size 'zz'"))
    #expect(
      parse("HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\n").0
        == .invalid("an unsupported Transfer-Encoding 'gzip'"))
  }

  @Test("bytes after the end of the response are left over, not taken as body")
  func leftover() {
    let (progress, parser) = parse(Self.fixed + "EXTRA")
    #expect(progress == .complete)
    #expect(parser.leftover == 5)
    #expect(String(decoding: parser.body, as: UTF8.self) == "hello world")
  }
}
