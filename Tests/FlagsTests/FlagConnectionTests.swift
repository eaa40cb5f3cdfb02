import Foundation
import Testing

@testable import Flags

@Suite("FlagConnection")
struct FlagConnectionTests {
  @Test("log lines show the request line, escaped and cut at 100 characters")
  func logLine() {
    let line = FlagConnection.logLine(ArraySlice(Array("\r\nGET /a\"b HTTP/1.1\r\nHost: x".utf8)))
    #expect(line == #"GET /a\"b HTTP/1.1"#)
    #expect(FlagConnection.logLine(ArraySlice([0, 0xFF, 65])) == "\\x00\\xff" + "A")
    let long = FlagConnection.logLine(ArraySlice(Array(String(repeating: "x", count: 500).utf8)))
    #expect(long == String(repeating: "x", count: 100) + "...")
  }

  @Test("content is the generator's bytes, or 404")
  func content() {
    #expect(FlagConnection.content(for: .gif(code: "AD")).body == FlagImage.gif(for: "AD"))
    #expect(FlagConnection.content(for: .metadata(code: "AD")).contentType == "application/json")
    #expect(FlagConnection.content(for: .notFound).status == 404)
    #expect(FlagConnection.content(for: .metadata(code: "XX")).status == 404)
  }
}
