import Foundation

@testable import Flags

/// Collects log lines from server threads.
final class LogLines: @unchecked Sendable {
  private let lock = NSLock()
  private var lines: [String] = []
  func append(_ line: String) { lock.withLock { lines.append(line) } }
  var all: [String] { lock.withLock { lines } }
}

/// Starts a server on a free port for the duration of `body`.
///
/// The idle time-out is long by default: under the Thread Sanitizer, with the 1000-connection
/// test running beside it, a test thread can stall for seconds between connecting and sending,
/// and the server's former 5 s cut such a connection before its request arrived ("EOF in head"
/// in one CI run). The idle time-out test passes its own. The request and write deadlines
/// keep the server's defaults unless a deadline test passes its own: test clients send each
/// request in one `send`, so a stall cannot fall inside a request.
func withServer<T>(
  _ profile: ServerProfile = ServerProfile(.local), idleTimeout: Duration = .seconds(60),
  requestTimeout: Duration = .seconds(5), writeTimeout: Duration = .seconds(5),
  log: LogLines? = nil, _ body: (FlagServer) throws -> T
) throws -> T {
  let server = FlagServer(
    profile: profile, port: 0, verbose: log != nil, idleTimeout: idleTimeout,
    requestTimeout: requestTimeout, writeTimeout: writeTimeout
  ) { log?.append($0) }
  try server.start()
  defer { server.stop() }
  return try body(server)
}
