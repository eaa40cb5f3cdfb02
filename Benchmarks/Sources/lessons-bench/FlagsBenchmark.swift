import CommandLineKit
import Flags
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// The flag server's side of `Benchmarks/run flags`: serving, and a keep-alive load test.
///
///     $ lessons-bench flags --serve-port 8001 [--delay-ms 100]
///     serving port=8001
///     $ lessons-bench flags --port 8001 --clients 100 --requests 200
///     server requests_per_s=23456 clients=100 requests=20000 errors=0
///
/// With `--serve-port` it runs a LOCAL ``FlagServer`` there (DELAY with a fixed delay when
/// `--delay-ms` is given) until SIGINT or SIGTERM (the
/// clients being measured — `lessons flags2` and the Python scripts — are other processes).
/// With `--port` it opens `--clients` keep-alive connections to that server, each sending
/// `--requests` GETs for a flag one after another, and reports requests per second.
enum FlagsBenchmark: BenchmarkMode {
  static let name = "flags"
  static let summary = "the loopback flag server: serve it, or load it with keep-alive clients"

  /// Serve on one port, or load a server on another.
  struct Options {
    var servePort: Int?
    var delay = 0
    var port: Int?
    var clients = 100
    var requests = 200
  }

  static var arguments: ArgumentSet<Options> {
    ArgumentSet(
      Options(),
      options: [
        .value(
          "--serve-port", valueName: "P", help: "serve LOCAL flags on port P until interrupted",
          parser: .port, into: \.servePort),
        .value(
          "--delay-ms", valueName: "D",
          help: "with --serve-port, a DELAY server waiting D ms per answer (default 0: LOCAL)",
          parser: .integer(in: 0...60_000), into: \.delay),
        .value(
          "--port", valueName: "P", help: "load the server on port P", parser: .port,
          into: \.port),
        .value(
          "--clients", valueName: "C", help: "keep-alive connections (default 100)",
          parser: .count, into: \.clients),
        .value(
          "--requests", valueName: "N", help: "GETs per connection (default 200)",
          parser: .count, into: \.requests),
      ]
    ) { options throws(UsageError) in
      if (options.servePort == nil) == (options.port == nil) {
        throw UsageError("give --serve-port P or --port P")
      }
    }
  }

  static func measure(_ options: Options) throws {
    if let servePort = options.servePort {
      let profile =
        options.delay > 0
        ? ServerProfile(.delay, fixedDelay: .milliseconds(options.delay)) : ServerProfile(.local)
      try serve(port: UInt16(clamping: servePort), profile: profile)
    } else if let port = options.port {
      try load(port: UInt16(clamping: port), clients: options.clients, requests: options.requests)
    }
  }

  /// Serves flags with `profile` on `port` until SIGINT or SIGTERM.
  static func serve(port: UInt16, profile: ServerProfile) throws {
    let server = FlagServer(profile: profile, port: port)
    try server.start()
    for number in [SIGINT, SIGTERM] {
      signal(number, SIG_IGN)
      let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
      source.setEventHandler { server.stop() }
      source.resume()
      retained.append(source)
    }
    BenchmarkOutput.line("serving port=\(server.port)")
    try server.serveForever()
  }

  nonisolated(unsafe) private static var retained: [any DispatchSourceSignal] = []

  /// `clients` threads, each with one keep-alive connection sending `requests` GETs.
  static func load(port: UInt16, clients: Int, requests: Int) throws {
    let paths = Countries.available.map { "/flags/\($0.lowercased())/\($0.lowercased()).gif" }
    let group = DispatchGroup()
    let failures = Counter()
    let start = monotonicNanoseconds()
    for client in 0..<clients {
      group.enter()
      let thread = Thread {
        defer { group.leave() }
        guard let connection = KeepAliveClient(port: port) else {
          failures.add(requests)
          return
        }
        for request in 0..<requests {
          let path = paths[(client * 7 + request) % paths.count]
          if connection.get(path) != 200 { failures.add(1) }
        }
      }
      thread.stackSize = 256 * 1024
      thread.start()
    }
    group.wait()
    let seconds = Double(monotonicNanoseconds() - start) / 1e9
    let total = clients * requests
    BenchmarkOutput.line(
      "server requests_per_s=\(Int(Double(total) / seconds)) clients=\(clients) "
        + "requests=\(total) errors=\(failures.value)")
  }
}

/// A thread-safe tally.
private final class Counter: @unchecked Sendable {
  private let lock = NSLock()
  private var count = 0
  func add(_ n: Int) { lock.withLock { count += n } }
  var value: Int { lock.withLock { count } }
}

/// One HTTP/1.1 keep-alive connection that reads each response to its end.
private final class KeepAliveClient {
  private let fd: Int32
  private var buffer: [UInt8] = []

  init?(port: UInt16) {
    fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = port.bigEndian
    address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
    let status = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    if status != 0 {
      close(fd)
      return nil
    }
  }

  deinit { close(fd) }

  /// Sends a GET for `path` and returns the status (0 if the connection failed).
  func get(_ path: String) -> Int {
    let request = Array("GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".utf8)
    // MSG_NOSIGNAL: a connection the server has closed is a failed request, not a SIGPIPE
    // that ends the whole load run.
    let sent = request.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
    guard sent == request.count else { return 0 }
    let separator: [UInt8] = [13, 10, 13, 10]
    var headEnd: Int?
    while headEnd == nil {
      headEnd = buffer.indices.dropLast(3).first { buffer[$0..<$0 + 4].elementsEqual(separator) }
      if headEnd == nil, !fill() { return 0 }
    }
    let head = String(decoding: buffer[..<headEnd!], as: UTF8.self)
    let lines = head.split(separator: "\r\n")
    let status = Int(lines.first?.split(separator: " ").dropFirst().first ?? "") ?? 0
    let length =
      lines.dropFirst().compactMap { line -> Int? in
        let parts = line.split(separator: ":", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "content-length" else { return nil }
        return Int(parts[1].trimmingCharacters(in: .whitespaces))
      }.first ?? 0
    let total = headEnd! + 4 + length
    while buffer.count < total {
      if !fill() { return 0 }
    }
    buffer.removeFirst(total)
    return status
  }

  private func fill() -> Bool {
    var chunk = [UInt8](repeating: 0, count: 65536)
    let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
    guard count > 0 else { return false }
    buffer += chunk[..<count]
    return true
  }
}
