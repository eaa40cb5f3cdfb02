import Foundation
import Testing

@testable import Flags

@Suite("FlagResponse")
struct FlagResponseTests {
  @Test("reason phrases are the standard ones, by class for unknown codes")
  func reasons() {
    #expect(FlagResponse(status: 200, body: Data()).reason == "OK")
    #expect(FlagResponse(status: 404, body: Data()).reason == "Not Found")
    #expect(FlagResponse(status: 500, body: Data()).reason == "Internal Server Error")
    #expect(FlagResponse(status: 418, body: Data()).reason == "I'm a Teapot")
    #expect(FlagResponse.reasonPhrase(for: 599) == "Server Error")
    #expect(FlagResponse.reasonPhrase(for: 499) == "Client Error")
  }
}
