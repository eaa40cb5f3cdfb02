import ConcurrencyRuntime
import Foundation
import TestSupport
import Testing

@testable import Flags

@Suite("HTTPFlagNetwork", .timeLimit(.minutes(5)))
struct HTTPFlagNetworkTests {
  @Test("a flag comes back with status 200 and the server's bytes")
  func downloads() throws {
    try withServer { server in
      let network = HTTPFlagNetwork(maxConnections: 4, timeout: .seconds(5))
      let response = try network.get("\(server.baseURL)/ad/ad.gif")
      #expect(response.status == 200)
      #expect(response.body == FlagImage.gif(for: "AD"))
    }
  }

  @Test("a 404 is an answer with its status, not an error")
  func notFound() throws {
    try withServer { server in
      let network = HTTPFlagNetwork(maxConnections: 1)
      let response = try network.get("\(server.baseURL)/xx/xx.gif")
      #expect(response.status == 404)
      #expect(response.reason == "Not Found")
    }
  }

  @Test("a server error is an answer with status 500 and its reason")
  func serverError() throws {
    try withServer(ServerProfile(.error, fixedDelay: .zero, errorRate: 1)) { server in
      let network = HTTPFlagNetwork(maxConnections: 1)
      let response = try network.get("\(server.baseURL)/cn/cn.gif")
      #expect(response.status == 500)
      #expect(
        HTTPStatusError(response, url: "").description
          == "HTTP error 500 - Internal Server Error")
    }
  }

  @Test("a refused connection throws connectionFailed")
  func refused() {
    let network = HTTPFlagNetwork(maxConnections: 1, timeout: .seconds(5))
    #expect {
      _ = try network.get("http://127.0.0.1:\(closedPort())/flags/cn/cn.gif")
    } throws: { error in
      guard case .connectionFailed = error as? FlagNetworkError else { return false }
      return true
    }
  }

  @Test("a server slower than the time-out throws timedOut")
  func timesOut() throws {
    try withServer(ServerProfile(.delay, fixedDelay: .seconds(3))) { server in
      let network = HTTPFlagNetwork(maxConnections: 1, timeout: .milliseconds(300))
      #expect(throws: FlagNetworkError.timedOut(after: .milliseconds(300))) {
        _ = try network.get("\(server.baseURL)/cn/cn.gif")
      }
    }
  }

  @Test("the async get gives the same answers, on the live task executor")
  func asyncGet() throws {
    try withServer { server in
      let network = HTTPFlagNetwork(maxConnections: 4)
      let runtime = Runtime.live()
      let statuses = try runtime.run {
        try runtime.runAsync {
          try await withThrowingTaskGroup(of: Int.self) { group in
            for code in ["ad", "br", "xx"] {
              group.addTask {
                try await network.get("\(server.baseURL)/\(code)/\(code).gif").status
              }
            }
            return try await group.reduce(into: []) { $0.append($1) }
          }
        }
      }
      #expect(statuses.sorted() == [200, 200, 404])
    }
  }

  @Test("the async get maps a refused connection to connectionFailed")
  func asyncRefused() throws {
    let network = HTTPFlagNetwork(maxConnections: 1)
    let runtime = Runtime.live()
    let error = try runtime.run {
      try runtime.runAsync { () async -> FlagNetworkError? in
        do {
          _ = try await network.get("http://127.0.0.1:\(closedPort())/x")
          return nil
        } catch {
          return error as? FlagNetworkError
        }
      }
    }
    guard case .connectionFailed = error else {
      Issue.record("expected connectionFailed, got \(String(describing: error))")
      return
    }
  }

  @Test("the connection cap is at least one")
  func cap() {
    #expect(HTTPFlagNetwork(maxConnections: 0).maxConnections == 1)
    #expect(HTTPFlagNetwork(maxConnections: 30).maxConnections == 30)
  }
}
