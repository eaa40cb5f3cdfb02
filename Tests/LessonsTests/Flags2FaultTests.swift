import ConcurrencyRuntime
import FaultServers
import Foundation
import Lessons
import Testing

@testable import Flags

@Suite("flags2 against a misbehaving server", .timeLimit(.minutes(5)))
struct Flags2FaultTests {
  /// A server that answers FR with its flag, every other unknown code with 404, and each of
  /// AD, BR, CN, DE and EG with a different fault.
  static func faultyServer() throws -> FaultServer {
    let flag = Array(FlagImage.gif(for: "FR"))
    let filler = [UInt8](repeating: 0x47, count: 100)
    let notFound = FaultServer.head(404, "Not Found", ["Content-Length: 0"])
    return try FaultServer { request in
      switch request.path {
      case "/flags/ad/ad.gif":  // garbage
        .send(Array("SSH-2.0-x\r\n\r\n".utf8), then: .close)
      case "/flags/br/br.gif":  // closes in the middle of the body
        .send(FaultServer.head(200, "OK", ["Content-Length: 5000"]) + filler, then: .close)
      case "/flags/cn/cn.gif":  // a Content-Length shorter than the body
        .send(FaultServer.head(200, "OK", ["Content-Length: 10"]) + filler, then: .keepOpen)
      case "/flags/de/de.gif":  // byte by byte, slower than the read time-out
        .trickle(FaultServer.ok(flag), every: .milliseconds(400))
      case "/flags/eg/eg.gif":  // a Content-Length longer than the body, and silence
        .send(FaultServer.head(200, "OK", ["Content-Length: 9000"]) + filler, then: .hang)
      case "/flags/fr/fr.gif":
        .send(FaultServer.ok(flag), then: .keepOpen)
      default:
        .send(notFound, then: .keepOpen)
      }
    }
  }

  @Test(
    "each fault is one error for its code, counted once, and no file is written",
    arguments: DownloadStyle.allCases)
  func faults(style: DownloadStyle) throws {
    let server = try Self.faultyServer()
    defer { server.stop() }
    let codes = ["AD", "BR", "CN", "DE", "EG", "FR", "XX"]
    let run = try downloadLive(
      style, codes, baseURL: "\(server.baseURL)/flags", timeout: .milliseconds(200))
    #expect(run.counter == [.ok: 1, .notFound: 1, .error: 5])
    #expect(run.files == ["fr.gif"])
    let lines = run.linesByCode
    #expect(lines["AD"] == ["*** Error for AD: Bad response (not an HTTP response: 'SSH-2.0-x')"])
    #expect(
      lines["BR"]
        == ["*** Error for BR: Bad response (the connection closed after 100 of 5000 body bytes)"])
    #expect(
      lines["CN"]
        == [
          "*** Error for CN: Bad response (90 bytes more than the response said (a wrong Content-Length?))"
        ])
    #expect(lines["DE"] == ["*** Error for DE: Timed out after 0.2 s"])
    #expect(lines["EG"] == ["*** Error for EG: Timed out after 0.2 s"])
    #expect(lines["FR"] == ["FR OK"])
    #expect(lines["XX"] == ["XX not found"])
  }
}
