import ConcurrencyRuntime
import FaultServers
import Foundation
import Testing

@testable import Flags

/// The two faces of the client: a blocking call on this thread, or an async call in a task on
/// the live runtime's event loop.
enum Face: String, CaseIterable, CustomStringConvertible, Sendable {
  case blocking, async
  var description: String { rawValue }

  /// Sends one request through this face.
  func send(
    _ client: HTTPClient, _ url: String, method: HTTPMethod = .get
  ) -> Result<HTTPClientResponse, FlagNetworkError> {
    switch self {
    case .blocking:
      do throws(FlagNetworkError) {
        return .success(try client.send(method, url))
      } catch {
        return .failure(error)
      }
    case .async:
      let outcome = try? Runtime.live().runAsync {
        () async -> Result<HTTPClientResponse, FlagNetworkError> in
        do throws(FlagNetworkError) {
          return .success(try await client.send(method, url))
        } catch {
          return .failure(error)
        }
      }
      return outcome ?? .failure(.connectionFailed("runAsync failed"))
    }
  }
}

/// The error of `result`, or nil if it succeeded.
func failure(_ result: Result<HTTPClientResponse, FlagNetworkError>) -> FlagNetworkError? {
  if case .failure(let error) = result { return error }
  return nil
}

/// The reason a `badResponse` carries, or nil for any other outcome.
func badResponseReason(_ result: Result<HTTPClientResponse, FlagNetworkError>) -> String? {
  if case .failure(.badResponse(let reason)) = result { return reason }
  return nil
}

@Suite("HTTPClient: answers", .timeLimit(.minutes(5)))
struct HTTPClientAnswerTests {
  @Test(
    "a flag from the project's server: status 200 and the server's bytes", arguments: Face.allCases)
  func flag(face: Face) throws {
    try withServer { server in
      let client = HTTPClient(maxConnectionsPerHost: 2)
      let response = try face.send(client, "\(server.baseURL)/ad/ad.gif").get()
      #expect(response.status == 200)
      #expect(response.reason == "OK")
      #expect(response.body == FlagImage.gif(for: "AD"))
      #expect(response.headers["content-type"] == "image/gif")
    }
  }

  @Test("404 and 500 are answers, not errors", arguments: Face.allCases)
  func statuses(face: Face) throws {
    try withServer { server in
      let client = HTTPClient()
      let missing = try face.send(client, "\(server.baseURL)/xx/xx.gif").get()
      #expect(missing.status == 404)
    }
    try withServer(ServerProfile(.error, fixedDelay: .zero, errorRate: 1)) { server in
      let client = HTTPClient()
      let response = try face.send(client, "\(server.baseURL)/cn/cn.gif").get()
      #expect(response.status == 500)
      #expect(response.reason == "Internal Server Error")
    }
  }

  @Test("HEAD: the status and headers, no body", arguments: Face.allCases)
  func head(face: Face) throws {
    try withServer { server in
      let client = HTTPClient()
      let response = try face.send(client, "\(server.baseURL)/cn/cn.gif", method: .head).get()
      #expect(response.status == 200)
      #expect(response.body.isEmpty)
      #expect(response.headers["content-length"] == "\(FlagImage.gif(for: "CN").count)")
    }
  }

  @Test(
    "a chunked body is decoded, and the connection is reused after it", arguments: Face.allCases)
  func chunked(face: Face) throws {
    let chunked =
      FaultServer.head(200, "OK", ["Transfer-Encoding: chunked"])
      + Array("5;note=x\r\nhello\r\n7\r\n, world\r\n0\r\nX-Trailer: 1\r\n\r\n".utf8)
    let server = try FaultServer { _ in .send(chunked, then: .keepOpen) }
    defer { server.stop() }
    let client = HTTPClient()
    for _ in 0..<2 {
      let response = try face.send(client, "\(server.baseURL)/x").get()
      #expect(String(decoding: response.body, as: UTF8.self) == "hello, world")
    }
    #expect(server.connectionsAccepted == 1)
  }

  @Test("a body without a length runs to the end of the connection", arguments: Face.allCases)
  func untilClose(face: Face) throws {
    let answer = FaultServer.head(200, "OK", []) + Array("all of it".utf8)
    let server = try FaultServer { _ in .send(answer, then: .close) }
    defer { server.stop() }
    let response = try face.send(HTTPClient(), "\(server.baseURL)/x").get()
    #expect(String(decoding: response.body, as: UTF8.self) == "all of it")
  }

  @Test("keep-alive: one connection serves request after request", arguments: Face.allCases)
  func keepAlive(face: Face) throws {
    try withServer { server in
      let client = HTTPClient(maxConnectionsPerHost: 4)
      for code in ["ad", "br", "cn", "xx", "de"] {
        _ = try face.send(client, "\(server.baseURL)/\(code)/\(code).gif").get()
      }
    }
    let server = try FaultServer { _ in .send(FaultServer.ok("hi"), then: .keepOpen) }
    defer { server.stop() }
    let client = HTTPClient(maxConnectionsPerHost: 4)
    for _ in 0..<5 { _ = try face.send(client, "\(server.baseURL)/x").get() }
    #expect(server.connectionsAccepted == 1)
    #expect(server.requestsSeen == 5)
  }

  @Test(
    "a kept-alive connection the server dropped: sent again once on a fresh one, one answer",
    arguments: Face.allCases)
  func staleRetried(face: Face) throws {
    // Connection 0 answers its first request, then takes the second and closes without a word,
    // as a server closing an idle connection just as the request arrives does.
    let server = try FaultServer { request in
      request.connection == 0 && request.indexOnConnection == 1
        ? .send([], then: .close) : .send(FaultServer.ok("fine"), then: .keepOpen)
    }
    defer { server.stop() }
    let client = HTTPClient(maxConnectionsPerHost: 1)
    _ = try face.send(client, "\(server.baseURL)/first").get()
    let second = try face.send(client, "\(server.baseURL)/second").get()
    #expect(String(decoding: second.body, as: UTF8.self) == "fine")
    #expect(server.connectionsAccepted == 2)
    #expect(server.requestsSeen == 3)
  }

  @Test(
    "a kept-alive connection closed while idle is not reused", arguments: Face.allCases)
  func staleNoticed(face: Face) throws {
    let server = try FaultServer { _ in .send(FaultServer.ok("once"), then: .close) }
    defer { server.stop() }
    let client = HTTPClient(maxConnectionsPerHost: 1)
    _ = try face.send(client, "\(server.baseURL)/a").get()
    #expect(eventually { server.connectionsAccepted == 1 && server.requestsSeen == 1 })
    usleep(50_000)  // let the server's close arrive: the client must notice it, not fail
    _ = try face.send(client, "\(server.baseURL)/b").get()
    #expect(server.connectionsAccepted == 2)
  }

  @Test("never more connections than the cap, however many requests", arguments: Face.allCases)
  func cap(face: Face) throws {
    let server = try FaultServer { _ in .send(FaultServer.ok("x"), then: .keepOpen) }
    defer { server.stop() }
    let client = HTTPClient(maxConnectionsPerHost: 2)
    let url = "\(server.baseURL)/x"
    switch face {
    case .blocking:
      DispatchQueue.concurrentPerform(iterations: 8) { _ in
        #expect((try? client.get(url).status) == 200)
      }
    case .async:
      let statuses = try Runtime.live().runAsync {
        try await withThrowingTaskGroup(of: Int.self) { group in
          for _ in 0..<8 { group.addTask { try await client.get(url).status } }
          return try await group.reduce(into: []) { $0.append($1) }
        }
      }
      #expect(statuses == Array(repeating: 200, count: 8))
    }
    #expect(server.connectionsAccepted <= 2)
    #expect(server.requestsSeen == 8)
  }
}
