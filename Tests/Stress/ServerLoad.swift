import Flags
import Foundation

/// Many keep-alive connections asking a flag server for flags at the same time, every answer
/// checked byte for byte against the flag's.
///
/// Each connection is a thread with an ``HTTPClient`` of its own, capped at one connection,
/// so exactly `connections` connections are open; each sends its share of `requests` one
/// after another (GIFs and `metadata.json` of every flag in turn). The threads first connect
/// and answer one request each, then all go on together, so that the server has every
/// connection open at once.
///
///     let server = FlagServer(profile: ServerProfile(.local), port: 0)
///     try server.start()
///     print(ServerLoad(port: server.port, connections: 50, requests: 2_000).run())
///     // server-load operations=2000 failures=0 seconds=0.412 per_s=4854 connections=50
public struct ServerLoad: Sendable {
  /// The server's port on 127.0.0.1.
  public var port: UInt16
  /// Connections open at once.
  public var connections: Int
  /// Requests in all, shared out between the connections.
  public var requests: Int
  /// How long one request may take.
  public var timeout = Duration.seconds(30)

  /// A load of `requests` requests over `connections` connections to the server on `port`.
  public init(port: UInt16, connections: Int, requests: Int) {
    self.port = port
    self.connections = max(1, connections)
    self.requests = requests
  }

  /// Runs the load and reports.
  public func run() -> LoadReport {
    let files = FlagPaths.all
    let base = "http://127.0.0.1:\(port)"
    let connected = CountDown(connections)
    let go = CountDown(1)
    let finished = CountDown(connections)
    let results = LoadResults()
    let start = ContinuousClock.now
    for connection in 0..<connections {
      let share = requests / connections + (connection < requests % connections ? 1 : 0)
      let thread = Thread { [timeout] in
        defer { finished.arrive() }
        let client = HTTPClient(maxConnectionsPerHost: 1, timeouts: .all(timeout))
        var report = LoadReport(name: "")
        for number in 0..<share {
          let path = files.paths[(connection * 31 + number) % files.paths.count]
          do {
            let response = try client.get(base + path)
            if let problem = files.problem(with: response, for: path) { report.fail(problem) }
          } catch {
            report.fail("\(path): \(error)")
          }
          report.operations += 1
          if number == 0 {
            connected.arrive()
            go.wait()
          }
        }
        if share == 0 {
          connected.arrive()
          go.wait()
        }
        results.add(report)
      }
      thread.stackSize = 256 * 1024
      thread.start()
    }
    connected.wait()
    go.arrive()
    finished.wait()
    var report = results.total(name: "server-load")
    report.seconds = (ContinuousClock.now - start).seconds
    report.details = [("connections", "\(connections)")]
    return report
  }
}

/// A count that threads bring down and others wait on to reach zero.
final class CountDown: @unchecked Sendable {
  private let condition = NSCondition()
  // Guarded by `condition`.
  private var left: Int

  init(_ count: Int) { left = count }

  func arrive() {
    condition.withLock {
      left -= 1
      if left <= 0 { condition.broadcast() }
    }
  }

  func wait() {
    condition.withLock {
      while left > 0 { condition.wait() }
    }
  }
}

/// The reports of a load's threads, added up.
final class LoadResults: @unchecked Sendable {
  private let lock = NSLock()
  // Guarded by `lock`.
  private var parts: [LoadReport] = []

  func add(_ report: LoadReport) { lock.withLock { parts.append(report) } }

  func total(name: String) -> LoadReport {
    lock.withLock {
      var total = LoadReport(name: name)
      for part in parts {
        total.operations += part.operations
        total.failures += part.failures
        total.failureSamples += part.failureSamples.prefix(max(0, 10 - total.failureSamples.count))
      }
      return total
    }
  }
}
