import ConcurrencyRuntime
import Foundation
import Lessons

@testable import Flags

/// Runs one of the chapter's three download programs the way `flags2` does.
enum DownloadStyle: String, CaseIterable, CustomStringConvertible, Sendable {
  case sequential, threadpool, async
  var description: String { rawValue }

  /// The concurrency `flags2` would use by default for 676 codes.
  var defaultConcurrency: Int { Flags2Style(rawValue: rawValue)!.defaultConcurrency }

  /// Calls the style's `downloadMany` inside `runtime` (async on its task executor).
  func downloadMany(
    _ site: FlagSite, _ codes: [String], verbose: Bool, concurrency: Int, in runtime: Runtime
  ) throws -> [DownloadStatus: Int] {
    try runtime.run {
      switch self {
      case .sequential:
        Flags2Sequential.downloadMany(site, codes, verbose: verbose, concurrency: concurrency)
      case .threadpool:
        try Flags2ThreadPool.downloadMany(
          site, codes, verbose: verbose, concurrency: concurrency)
      case .async:
        try runtime.runAsync {
          await Flags2Async.supervisor(site, codes, verbose: verbose, concurrency: concurrency)
        }
      }
    }
  }
}

/// What a download run produced.
struct DownloadRun {
  var counter: [DownloadStatus: Int]
  /// Console output (the verbose lines).
  var output: String
  /// Time taken on the runtime's clock.
  var elapsed: Duration
  /// Files saved in the destination.
  var files: [String]

  /// Each printed line, by the code it starts with (`*** Error for CC: …` too).
  var linesByCode: [String: [String]] {
    var lines: [String: [String]] = [:]
    for line in output.split(separator: "\n").map(String.init) {
      let code =
        line.hasPrefix("*** Error for ")
        ? String(line.dropFirst(14).prefix(2))
        : String(line.prefix(2))
      lines[code, default: []].append(line)
    }
    return lines
  }
}

/// Runs `style` on `network` (made for the runtime) and collects what it did.
func download(
  _ style: DownloadStyle, _ codes: [String], runtime: Runtime, output: TextLog,
  baseURL: String = "http://127.0.0.1:8001/flags", verbose: Bool = false,
  concurrency: Int? = nil, network: (Runtime) -> any FlagNetwork
) throws -> DownloadRun {
  let folder = NSTemporaryDirectory() + "flags2-lessons-" + UUID().uuidString
  defer { try? FileManager.default.removeItem(atPath: folder) }
  let site = FlagSite(
    network: network(runtime), baseURL: baseURL, folder: FlagFolder(folder), progress: .silent)
  try site.folder.prepare()
  let start = runtime.now
  let counter = try style.downloadMany(
    site, codes, verbose: verbose,
    concurrency: concurrency ?? min(style.defaultConcurrency, codes.count), in: runtime)
  let elapsed = runtime.now - start
  let files = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
  return DownloadRun(counter: counter, output: output.text, elapsed: elapsed, files: files)
}

/// Runs `style` in a virtual runtime against a mock of `site`.
func downloadVirtually(
  _ style: DownloadStyle, _ codes: [String], site: MockFlagNetwork.Site, seed: UInt64? = nil,
  verbose: Bool = false, concurrency: Int? = nil, timeout: Duration = .seconds(10)
) throws -> DownloadRun {
  let output = TextLog()
  let runtime = Runtime.virtual(seed: seed) { output.write($0.text) }
  return try download(
    style, codes, runtime: runtime, output: output, verbose: verbose, concurrency: concurrency
  ) { MockFlagNetwork(site, runtime: $0, timeout: timeout) }
}

/// Runs `style` live against `baseURL` over HTTP.
func downloadLive(
  _ style: DownloadStyle, _ codes: [String], baseURL: String, verbose: Bool = true,
  timeout: Duration = .seconds(5)
) throws -> DownloadRun {
  let output = TextLog()
  let runtime = Runtime.live { output.write($0.text) }
  let concurrency = min(style.defaultConcurrency, codes.count)
  return try download(
    style, codes, runtime: runtime, output: output, baseURL: baseURL, verbose: verbose,
    concurrency: concurrency
  ) { _ in HTTPFlagNetwork(maxConnections: concurrency, timeout: timeout) }
}

/// What a run against `profile` must count, from the profile's plan and the site's codes.
func expectedCounts(_ codes: [String], _ profile: ServerProfile) -> [DownloadStatus: Int] {
  var counter: [DownloadStatus: Int] = [:]
  for code in codes {
    let url = "http://127.0.0.1:8001/flags/\(code.lowercased())/\(code.lowercased()).gif"
    let status: DownloadStatus =
      profile.plan(for: url).fails ? .error : Countries.isAvailable(code) ? .ok : .notFound
    counter[status, default: 0] += 1
  }
  return counter
}

/// Every code AA…ZZ, as `-e` asks.
let everyCode = (try? CountryCodeArguments.expand([], every: true)) ?? []

/// Runs a real flag server on a free loopback port for the duration of `body`.
func withFlagServer<T>(_ profile: ServerProfile, _ body: (FlagServer) throws -> T) throws -> T {
  let server = FlagServer(profile: profile, port: 0)
  try server.start()
  defer { server.stop() }
  return try body(server)
}

/// A base URL where nothing listens: connections are refused.
func refusedURL() throws -> String {
  let server = FlagServer(profile: ServerProfile(.local), port: 0)
  try server.start()
  let port = server.port
  server.stop()
  return "http://127.0.0.1:\(port)/flags"
}

/// Text collected from any thread.
final class TextLog: @unchecked Sendable {
  private let lock = NSLock()
  private var pieces: [String] = []
  func write(_ text: String) { lock.withLock { pieces.append(text) } }
  var text: String { lock.withLock { pieces.joined() } }
}

/// A network that counts how many requests are in flight at once, around another network.
final class InFlightCounter: FlagNetwork, @unchecked Sendable {
  private let wrapped: any FlagNetwork
  private let lock = NSLock()
  private var current = 0
  private(set) var peak = 0

  init(_ wrapped: any FlagNetwork) { self.wrapped = wrapped }

  private func enter() {
    lock.withLock {
      current += 1
      peak = max(peak, current)
    }
  }

  private func leave() { lock.withLock { current -= 1 } }

  var highest: Int { lock.withLock { peak } }

  func get(_ url: String) throws(FlagNetworkError) -> FlagResponse {
    enter()
    defer { leave() }
    return try wrapped.get(url)
  }

  func get(_ url: String) async throws(FlagNetworkError) -> FlagResponse {
    enter()
    defer { leave() }
    return try await wrapped.get(url)
  }
}
