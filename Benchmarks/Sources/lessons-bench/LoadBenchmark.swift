import CommandLineKit
import Flags
import Stress

/// The flag server and the async client under load, every answer checked:
///
///     $ lessons-bench load
///     server-load operations=10000 failures=0 seconds=0.610 per_s=16393 connections=200
///     async-downloads operations=1000 failures=0 seconds=0.180 per_s=5555 threads=1 …
///
/// `--connections` keep-alive connections, each a thread, share `--requests` GETs of every
/// flag's GIF and metadata (``ServerLoad``); then `--downloads` downloads start at once as
/// tasks on the live event loop, one thread (``AsyncDownloads``). The server is a LOCAL
/// ``FlagServer`` in this process on a free port, or the one on `--port`. A failed request is
/// a failure of the benchmark (exit status 1), after the figures.
enum LoadBenchmark: BenchmarkMode {
  static let name = "load"
  static let summary = "the flag server under keep-alive load, and concurrent async downloads"

  /// How much load, and on which server.
  struct Options {
    var connections = 200
    var requests = 10_000
    var downloads = 1000
    var port: Int?
  }

  static var arguments: ArgumentSet<Options> {
    ArgumentSet(
      Options(),
      options: [
        .value(
          "--connections", valueName: "C", help: "keep-alive connections at once (default 200)",
          parser: .count, into: \.connections),
        .value(
          "--requests", valueName: "N", help: "requests over all connections (default 10000)",
          parser: .count, into: \.requests),
        .value(
          "--downloads", valueName: "D", help: "concurrent async downloads (default 1000)",
          parser: .count, into: \.downloads),
        .value(
          "--port", valueName: "P",
          help: "load the server on port P (default: one started here on a free port)",
          parser: .port, into: \.port),
      ])
  }

  static func measure(_ options: Options) throws {
    var server: FlagServer?
    let port: UInt16
    if let chosen = options.port {
      port = UInt16(clamping: chosen)
    } else {
      let local = FlagServer(profile: ServerProfile(.local), port: 0)
      try local.start()
      server = local
      port = local.port
    }
    defer { server?.stop() }
    let load = ServerLoad(port: port, connections: options.connections, requests: options.requests)
      .run()
    BenchmarkOutput.line("\(load)")
    let downloads = try AsyncDownloads(port: port, downloads: options.downloads).run()
    BenchmarkOutput.line("\(downloads)")
    if load.failures > 0 || downloads.failures > 0 {
      throw BenchmarkFailure(
        message: "\(load.failures) requests and \(downloads.failures) downloads failed")
    }
    if downloads.detail("threads") != "1" {
      throw BenchmarkFailure(message: "the async downloads ran on more than one thread")
    }
  }
}
