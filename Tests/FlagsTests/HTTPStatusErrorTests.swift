import Foundation
import Testing

@testable import Flags

@Suite("HTTPStatusError")
struct HTTPStatusErrorTests {
  @Test("it reads as the book prints it and keeps the URL")
  func description() {
    let error = HTTPStatusError(FlagResponse(status: 500, body: Data()), url: "http://x/cn.gif")
    #expect(error.description == "HTTP error 500 - Internal Server Error")
    #expect(error.status == 500)
    #expect(error.url == "http://x/cn.gif")
  }
}
