import Testing

@testable import Flags

@Suite("FlagRoute")
struct FlagRouteTests {
  @Test("flag files route in any case")
  func files() {
    #expect(FlagRoute(target: "/flags/ad/ad.gif") == .gif(code: "AD"))
    #expect(FlagRoute(target: "/flags/AD/ad.GIF") == .gif(code: "AD"))
    #expect(FlagRoute(target: "/flags/cd/metadata.json") == .metadata(code: "CD"))
    #expect(FlagRoute(target: "/flags/ad/ad.gif?cache=no") == .gif(code: "AD"))
    #expect(FlagRoute(target: "http://127.0.0.1:8001/flags/ad/ad.gif") == .gif(code: "AD"))
    #expect(FlagRoute(target: "/flags/%61%64/ad.gif") == .gif(code: "AD"))
  }

  @Test(
    "anything else on the site is not found",
    arguments: [
      "/", "/flags", "/flags/", "/flags/xx/xx.gif", "/flags/ad", "/flags/ad/", "/flags/ad/br.gif",
      "/flags//ad/ad.gif", "/flags/ad//ad.gif", "//flags/ad/ad.gif", "/etc/passwd",
      "/flags/ad/ad.gif/", "/FLAGS/ad/ad.gif", "/flags/%c0%ae%c0%ae/x", "/flags/ａｄ/ad.gif",
    ])
  func notFound(target: String) {
    #expect(FlagRoute(target: target) == .notFound)
  }

  @Test(
    "dot segments, bad escapes and dangerous bytes are bad requests",
    arguments: [
      "/flags/../etc/passwd", "/flags/%2e%2e/%2e%2e/etc/passwd", "/flags/./ad/ad.gif",
      "/flags/ad/%2E", "/%2566lags/ad/ad.gif", "/flags/%252e%252e/x", "/flags/ad%00/ad.gif",
      "/flags\\ad\\ad.gif", "/flags/%5cad/ad.gif", "/flags/ad/ad.gif%", "/flags/ad/ad.gif%4",
      "/flags/%zz/ad.gif", "flags/ad/ad.gif", "*", "", "http://host", "/flags/ad/%0d%0a",
      "/flags/ad/..%2f..%2fetc%2fpasswd",
    ])
  func badRequest(target: String) {
    #expect(FlagRoute(target: target) == .badRequest)
  }

  @Test("a file name that is not ASCII is compared as a string, as Unicode lower-cases it")
  func unicodeNames() {
    // The Kelvin sign lower-cases to an ASCII k, so it names KR's file as "kr.gif" would.
    #expect(FlagRoute(target: "/flags/kr/%E2%84%AAr.gif") == .gif(code: "KR"))
    #expect(FlagRoute(target: "/flags/kr/\u{212A}R.GIF") == .gif(code: "KR"))
    #expect(FlagRoute(target: "/flags/ad/%C3%A9.gif") == .notFound)
    #expect(FlagRoute(target: "/flags/ad/%E2%84%AA") == .notFound)
  }

  @Test("decoding happens exactly once")
  func decodeOnce() {
    #expect(FlagRoute.decodedPath("/a%20b") == Array("/a b".utf8))
    #expect(FlagRoute.decodedPath("/a%2541") == nil)
  }
}
