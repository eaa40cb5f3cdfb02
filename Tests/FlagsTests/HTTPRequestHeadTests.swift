import ConcurrencyRuntime
import Testing

@testable import Flags

@Suite("HTTPRequestHead")
struct HTTPRequestHeadTests {
  private func parse(_ text: String) -> HTTPRequestHead.Parsed {
    HTTPRequestHead.parse(ArraySlice(Array(text.utf8)))
  }

  private func status(_ text: String) -> Int? {
    if case .failure(let status) = parse(text) { return status }
    return nil
  }

  @Test("a plain GET parses with its headers")
  func plain() throws {
    guard
      case .request(let head) = parse(
        "GET /flags/ad/ad.gif HTTP/1.1\r\nHost: x\r\n"
          + "Accept:  */* \r\n\r\n")
    else {
      Issue.record("not parsed")
      return
    }
    #expect(head.method == "GET" && head.target == "/flags/ad/ad.gif")
    #expect(head.minorVersion == 1 && head.keepAlive && head.contentLength == 0)
    #expect(head.headers.last == .init(name: "accept", value: "*/*"))
  }

  @Test("Connection and version decide keep-alive")
  func keepAlive() {
    func alive(_ text: String) -> Bool? {
      if case .request(let head) = parse(text) { return head.keepAlive }
      return nil
    }
    #expect(alive("GET / HTTP/1.1\r\nHost: a\r\n\r\n") == true)
    #expect(alive("GET / HTTP/1.1\r\nHost: a\r\nConnection: Close\r\n\r\n") == false)
    #expect(alive("GET / HTTP/1.0\r\n\r\n") == false)
    #expect(alive("GET / HTTP/1.0\r\nConnection: foo, keep-alive\r\n\r\n") == true)
    #expect(alive("HEAD / HTTP/1.0\r\nConnection: keep-alive, close\r\n\r\n") == false)
  }

  @Test("errors map to 400, 405, 414 and 505")
  func statuses() {
    #expect(status("") == 400)
    #expect(status("GET /\r\n\r\n") == 400)
    #expect(status("GET / HTTP/1.1 extra\r\nHost: a\r\n\r\n") == 400)
    #expect(status("GET / http/1.1\r\nHost: a\r\n\r\n") == 400)
    #expect(status("G(T / HTTP/1.1\r\nHost: a\r\n\r\n") == 400)
    #expect(status("GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n") == 400)
    #expect(status("GET / HTTP/1.1\r\nHost : a\r\n\r\n") == 400)
    #expect(status("GET / HTTP/1.1\r\nHost: a\u{0}b\r\n\r\n") == 400)
    #expect(
      status("GET / HTTP/1.1\r\nHost: a\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n")
        == 400)
    #expect(status("GET / HTTP/1.1\r\nHost: a\r\nContent-Length: 99999999\r\n\r\n") == 400)
    #expect(status("PUT / HTTP/1.1\r\nHost: a\r\n\r\n") == 405)
    #expect(status("get / HTTP/1.1\r\nHost: a\r\n\r\n") == 405)
    #expect(status("GET /\(String(repeating: "x", count: 2048)) HTTP/1.1\r\n\r\n") == 414)
    #expect(status("GET / HTTP/3.0\r\nHost: a\r\n\r\n") == 505)
    #expect(status("GET / HTTP/1.9\r\nHost: a\r\n\r\n") == 505)
  }

  @Test("a 2048-byte target is still accepted")
  func longestTarget() {
    let target = "/" + String(repeating: "x", count: 2047)
    #expect(status("GET \(target) HTTP/1.1\r\nHost: a\r\n\r\n") == nil)
  }

  @Test("framing finds the blank line, skips leading blank lines and enforces sizes")
  func framing() {
    func frame(_ text: String) -> HTTPRequestHead.Framing {
      HTTPRequestHead.frame(Array(text.utf8))
    }
    #expect(frame("GET / HTTP/1.1\r\nHost: a\r\n") == .incomplete)
    #expect(frame("GET / HTTP/1.1\r\nHost: a\r\n\r\nGET") == .complete(start: 0, end: 27))
    #expect(frame("\r\n\r\nGET / HTTP/1.0\n\n") == .complete(start: 4, end: 20))
    #expect(frame(String(repeating: "x", count: 3000)) == .tooLarge(status: 414))
    let big = "GET / HTTP/1.1\r\n" + String(repeating: "X-A: b\r\n", count: 1100)
    #expect(frame(big) == .tooLarge(status: 431))
    #expect(frame(big + "\r\n") == .tooLarge(status: 431))
    let fits = "GET / HTTP/1.1\r\n" + String(repeating: "X-A: b\r\n", count: 1000) + "\r\n"
    #expect(frame(fits) == .complete(start: 0, end: fits.utf8.count))
  }

  @Test("random bytes never trap the parser")
  func fuzz() {
    var rng = SplitMix64(seed: 99)
    let alphabet = Array("GET HEAD/ HTTP/1.1\r\n:%.\u{0}\u{ff}ab".utf8)
    for _ in 0..<2000 {
      let count = Int(rng.next(below: 80))
      let bytes = (0..<count).map { _ in alphabet[Int(rng.next(below: UInt64(alphabet.count)))] }
      if case .complete(let start, let end) = HTTPRequestHead.frame(bytes) {
        _ = HTTPRequestHead.parse(bytes[start..<end])
      }
      _ = HTTPRequestHead.parse(ArraySlice(bytes))
      _ = FlagRoute(target: String(decoding: bytes, as: UTF8.self))
    }
  }
}
