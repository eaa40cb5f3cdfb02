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
func withServer<T>(
  _ profile: ServerProfile = ServerProfile(.local), idleTimeout: Duration = .seconds(5),
  log: LogLines? = nil, _ body: (FlagServer) throws -> T
) throws -> T {
  let server = FlagServer(
    profile: profile, port: 0, verbose: log != nil, idleTimeout: idleTimeout
  ) { log?.append($0) }
  try server.start()
  defer { server.stop() }
  return try body(server)
}
