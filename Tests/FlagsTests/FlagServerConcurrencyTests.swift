import Foundation
import Testing

@testable import Flags

#if canImport(Glibc)
  import Glibc
#endif

/// ``FlagServer`` under 1000 simultaneous connections (split from `FlagServerTests.swift`).
@Suite("FlagServer concurrency", .timeLimit(.minutes(2)))
struct FlagServerConcurrencyTests {
  /// Raises the open-file limit so 1000 client and 1000 server sockets fit in one process.
  private func raiseFileLimit(to wanted: rlim_t) {
    var limit = rlimit()
    guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0, limit.rlim_cur < wanted else {
      return
    }
    limit.rlim_cur = min(wanted, limit.rlim_max)
    _ = setrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
  }

  @Test("1000 connections open at once are all answered")
  func thousandConnections() throws {
    raiseFileLimit(to: 4096)
    let connections = 1000
    let threads = 4
    // A small delay keeps every connection busy on the server at the same time.
    let profile = ServerProfile(.delay, fixedDelay: .milliseconds(200))
    try withServer(profile) { (server: FlagServer) throws in
      let port = server.port
      let answered = LogLines()
      let allConnected = DispatchGroup()
      let finished = DispatchGroup()
      let go = DispatchSemaphore(value: 0)
      for worker in 0..<threads {
        allConnected.enter()
        finished.enter()
        let thread = Thread {
          defer { finished.leave() }
          var clients: [(RawHTTPClient, String)] = []
          for index in stride(from: worker, to: connections, by: threads) {
            let code = Countries.available[index % Countries.available.count]
            guard let client = try? RawHTTPClient(port: port, timeoutSeconds: 60) else { continue }
            clients.append((client, code))
          }
          allConnected.leave()
          go.wait()
          for (client, code) in clients {
            try? client.request("/flags/\(code.lowercased())/metadata.json")
          }
          for (client, code) in clients {
            guard let response = try? client.readResponse() else { continue }
            if response.status == 200, Data(response.body) == FlagImage.metadata(for: code) {
              answered.append(code)
            }
          }
        }
        thread.stackSize = 1 << 20
        thread.start()
      }
      #expect(allConnected.wait(timeout: .now() + 60) == .success)
      for _ in 0..<threads { go.signal() }
      #expect(finished.wait(timeout: .now() + 90) == .success)
      #expect(answered.all.count == connections)
    }
  }
}
