import Foundation
import Testing

@testable import Flags

@Suite("HTTPResponse")
struct HTTPResponseTests {
  @Test("serialisation has the status line, length, type and connection headers")
  func serialized() {
    let response = HTTPResponse(status: 200, contentType: "image/gif", body: Data([1, 2, 3]))
    let text = String(decoding: response.serialized(keepAlive: true, head: false), as: UTF8.self)
    #expect(text.hasPrefix("HTTP/1.1 200 OK\r\n"))
    #expect(text.contains("\r\nContent-Type: image/gif\r\n"))
    #expect(text.contains("\r\nContent-Length: 3\r\n"))
    #expect(text.hasSuffix("Connection: keep-alive\r\n\r\n\u{1}\u{2}\u{3}"))
  }

  @Test("the head alone is what precedes the body, for every status and connection")
  func headAlone() {
    var responses = [400, 404, 405, 503].map(HTTPResponse.error)
    responses.append(HTTPResponse(status: 200, contentType: "image/gif", body: Data([1, 2, 3])))
    for response in responses {
      for keepAlive in [true, false] {
        let head = response.head(keepAlive: keepAlive)
        #expect(response.serialized(keepAlive: keepAlive, head: true) == head)
        #expect(response.serialized(keepAlive: keepAlive, head: false) == head + response.body)
        let text = String(decoding: head, as: UTF8.self)
        #expect(text.hasPrefix("HTTP/1.1 \(response.status) "))
        #expect(text.contains("\r\nContent-Length: \(response.body.count)\r\n"))
      }
    }
    let allow = String(decoding: HTTPResponse.error(405).head(keepAlive: false), as: UTF8.self)
    #expect(allow.contains("\r\nAllow: GET, HEAD\r\n"))
  }

  @Test("HEAD keeps Content-Length but drops the body")
  func head() {
    let response = HTTPResponse(status: 200, contentType: "image/gif", body: Data([1, 2, 3]))
    let bytes = response.serialized(keepAlive: false, head: true)
    let text = String(decoding: bytes, as: UTF8.self)
    #expect(text.contains("Content-Length: 3\r\n"))
    #expect(text.hasSuffix("Connection: close\r\n\r\n"))
  }

  @Test("error pages carry their reason, and 405 an Allow header")
  func errors() {
    for status in [400, 404, 405, 408, 414, 431, 500, 503, 505] {
      let response = HTTPResponse.error(status)
      #expect(response.status == status)
      #expect(String(decoding: response.body, as: UTF8.self).hasPrefix("\(status) "))
      #expect(HTTPResponse.reason(for: status) != "Unknown")
    }
    #expect(HTTPResponse.error(500).body == Data("500 Internal Server Error\n".utf8))
    #expect(HTTPResponse.reason(for: 408) == "Request Timeout")
    #expect(HTTPResponse.error(405).extraHeaders.first?.1 == "GET, HEAD")
  }
}
