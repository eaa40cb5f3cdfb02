import ConcurrencyRuntime
import FaultServers
import Foundation
import TestSupport
import Testing

@testable import Flags

@Suite("HTTPClient: faults", .timeLimit(.minutes(5)))
struct HTTPClientFaultTests {
  /// A flag-sized body for the faults that cut or pad one.
  static let body = [UInt8](repeating: 0x47, count: 5000)

  @Test("a refused connection is a connection error", arguments: Face.allCases)
  func refused(face: Face) {
    let result = face.send(HTTPClient(), "http://127.0.0.1:\(closedPort())/flags/cn/cn.gif")
    guard case .connectionFailed(let reason) = failure(result) else {
      Issue.record("expected connectionFailed, got \(result)")
      return
    }
    #expect(reason == "Connection refused")
  }

  @Test("a server that closes in the middle of the body: a bad response", arguments: Face.allCases)
  func closedMidBody(face: Face) throws {
    let cut = FaultServer.head(200, "OK", ["Content-Length: 5000"]) + Self.body.prefix(1200)
    let server = try FaultServer { _ in .send(cut, then: .close) }
    defer { server.stop() }
    let result = face.send(HTTPClient(), "\(server.baseURL)/x")
    #expect(badResponseReason(result) == "the connection closed after 1200 of 5000 body bytes")
  }

  @Test("garbage instead of HTTP: a bad response", arguments: Face.allCases)
  func garbage(face: Face) throws {
    let junk = Array("SSH-2.0-OpenSSH_9.6\r\n\r\n".utf8) + [0, 1, 2, 255]
    let server = try FaultServer { _ in .send(junk, then: .close) }
    defer { server.stop() }
    let reason = badResponseReason(face.send(HTTPClient(), "\(server.baseURL)/x"))
    #expect(reason == "not an HTTP response: 'SSH-2.0-OpenSSH_9.6'")
  }

  @Test(
    "a Content-Length longer than the body, then close: a bad response", arguments: Face.allCases)
  func lengthTooLong(face: Face) throws {
    let answer = FaultServer.head(200, "OK", ["Content-Length: 9000"]) + Self.body
    let server = try FaultServer { _ in .send(answer, then: .close) }
    defer { server.stop() }
    let reason = badResponseReason(face.send(HTTPClient(), "\(server.baseURL)/x"))
    #expect(reason == "the connection closed after 5000 of 9000 body bytes")
  }

  @Test(
    "a Content-Length longer than the body, connection kept: the read time-out",
    arguments: Face.allCases)
  func lengthTooLongKept(face: Face) throws {
    let answer = FaultServer.head(200, "OK", ["Content-Length: 9000"]) + Self.body
    let server = try FaultServer { _ in .send(answer, then: .hang) }
    defer { server.stop() }
    let client = HTTPClient(
      timeouts: HTTPTimeouts(connect: .seconds(5), read: .milliseconds(200), total: .seconds(20)))
    #expect(
      failure(face.send(client, "\(server.baseURL)/x")) == .timedOut(after: .milliseconds(200)))
  }

  @Test("a Content-Length shorter than the body: a bad response", arguments: Face.allCases)
  func lengthTooShort(face: Face) throws {
    let answer = FaultServer.head(200, "OK", ["Content-Length: 4000"]) + Self.body
    let server = try FaultServer { _ in .send(answer, then: .keepOpen) }
    defer { server.stop() }
    let reason = badResponseReason(face.send(HTTPClient(), "\(server.baseURL)/x"))
    #expect(reason == "1000 bytes more than the response said (a wrong Content-Length?)")
  }

  @Test("a bad Content-Length: a bad response", arguments: Face.allCases)
  func lengthNotANumber(face: Face) throws {
    let answer = FaultServer.head(200, "OK", ["Content-Length: lots"]) + Self.body
    let server = try FaultServer { _ in .send(answer, then: .close) }
    defer { server.stop() }
    let reason = badResponseReason(face.send(HTTPClient(), "\(server.baseURL)/x"))
    #expect(reason == "a bad Content-Length 'lots'")
  }

  @Test("byte by byte, slower than the read time-out: timed out (read)", arguments: Face.allCases)
  func slowerThanRead(face: Face) throws {
    let server = try FaultServer { _ in .trickle(FaultServer.ok("slow"), every: .milliseconds(400))
    }
    defer { server.stop() }
    let client = HTTPClient(
      timeouts: HTTPTimeouts(connect: .seconds(5), read: .milliseconds(100), total: .seconds(20)))
    #expect(
      failure(face.send(client, "\(server.baseURL)/x")) == .timedOut(after: .milliseconds(100)))
  }

  @Test(
    "byte by byte, each in time but the whole too slow: timed out (total)",
    arguments: Face.allCases)
  func trickleTotal(face: Face) throws {
    let server = try FaultServer { _ in .trickle(FaultServer.ok("slow"), every: .milliseconds(20)) }
    defer { server.stop() }
    let client = HTTPClient(
      timeouts: HTTPTimeouts(connect: .seconds(5), read: .seconds(5), total: .milliseconds(150)))
    #expect(
      failure(face.send(client, "\(server.baseURL)/x")) == .timedOut(after: .milliseconds(150)))
  }

  @Test("a server that never answers: timed out (read)", arguments: Face.allCases)
  func silent(face: Face) throws {
    let server = try FaultServer { _ in .send([], then: .hang) }
    defer { server.stop() }
    let client = HTTPClient(timeouts: .all(.milliseconds(150)))
    #expect(
      failure(face.send(client, "\(server.baseURL)/x")) == .timedOut(after: .milliseconds(150)))
  }

  @Test("a reset in the middle of the body: a bad response", arguments: Face.allCases)
  func resetMidBody(face: Face) throws {
    let cut = FaultServer.head(200, "OK", ["Content-Length: 5000"]) + Self.body.prefix(100)
    let server = try FaultServer { _ in .send(cut, then: .reset) }
    defer { server.stop() }
    let result = face.send(HTTPClient(), "\(server.baseURL)/x")
    // The reset may overtake the bytes sent before it: either way, no answer.
    switch failure(result) {
    case .badResponse, .connectionFailed: break
    default: Issue.record("expected a bad response or a connection error, got \(result)")
    }
  }

  @Test(
    "a fresh connection closed without an answer: an error, not sent again",
    arguments: Face.allCases)
  func closedFresh(face: Face) throws {
    let server = try FaultServer { _ in .send([], then: .close) }
    defer { server.stop() }
    let result = face.send(HTTPClient(), "\(server.baseURL)/x")
    #expect(
      failure(result) == .connectionFailed("the server closed the connection without answering"))
    #expect(server.requestsSeen == 1)
  }

  @Test("a host name other than localhost is not looked up", arguments: Face.allCases)
  func hostName(face: Face) {
    let result = face.send(HTTPClient(), "http://flupy.org/data/flags/cn/cn.gif")
    guard case .connectionFailed(let reason) = failure(result) else {
      Issue.record("expected connectionFailed, got \(result)")
      return
    }
    #expect(reason == "Could not resolve host: flupy.org")
  }

  @Test("cancelling the task ends its request with cancelled")
  func cancelled() throws {
    let server = try FaultServer { _ in .send([], then: .hang) }
    defer { server.stop() }
    let client = HTTPClient()
    let url = "\(server.baseURL)/x"
    let error = try Runtime.live().runAsync { () async -> FlagNetworkError? in
      await withTaskGroup(of: FlagNetworkError?.self) { group in
        group.addTask {
          do throws(FlagNetworkError) {
            _ = try await client.get(url)
            return nil
          } catch {
            return error
          }
        }
        try? await EventLoop.sleep(for: .milliseconds(50))
        group.cancelAll()
        return await group.next() ?? nil
      }
    }
    #expect(error == .cancelled)
  }
}
