import ConcurrencyRuntime
import Flags
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Many downloads at once through the async face of ``HTTPClient``, as one task group on the
/// live runtime's event loop: every task on the one thread, every answer checked byte for
/// byte against the flag's.
///
/// The client may open as many connections as there are downloads, so all of them are in
/// flight together; the report says how many threads ran the tasks (one, if the event loop
/// is what it claims) and how many downloads were in flight at once at most.
///
///     print(try AsyncDownloads(port: server.port, downloads: 1_000).run())
///     // async-downloads operations=1000 failures=0 seconds=0.310 per_s=3225 threads=1 …
public struct AsyncDownloads: Sendable {
  /// The server's port on 127.0.0.1.
  public var port: UInt16
  /// Downloads, all started at once.
  public var downloads: Int
  /// How long one download may take.
  public var timeout = Duration.seconds(30)

  /// `downloads` concurrent downloads from the server on `port`.
  public init(port: UInt16, downloads: Int) {
    self.port = port
    self.downloads = downloads
  }

  /// What one download found: its failure, if any, and the thread it ran on.
  private struct Outcome: Sendable {
    var problem: String?
    /// The threads it ran on: where it started and where it ended.
    var threads: Set<UInt>
  }

  /// Runs the downloads and reports; throws only if the event loop cannot run.
  public func run() throws -> LoadReport {
    let files = FlagPaths.all
    let base = "http://127.0.0.1:\(port)"
    let client = HTTPClient(maxConnectionsPerHost: downloads, timeouts: .all(timeout))
    let inFlight = InFlight()
    let runtime = Runtime.live(output: { _ in })
    runtime.trace.recordsSpans = false
    runtime.trace.recordsBlocking = false
    let caller = UInt(pthread_self())
    let start = ContinuousClock.now
    let outcomes = try runtime.runAsync { [downloads] in
      await withTaskGroup(of: Outcome.self) { group in
        for number in 0..<downloads {
          group.addTask {
            let path = files.paths[number % files.paths.count]
            let thread = UInt(pthread_self())
            inFlight.enter()
            defer { inFlight.leave() }
            do {
              let response = try await client.get(base + path)
              let problem = files.problem(with: response, for: path)
              return Outcome(problem: problem, threads: [thread, UInt(pthread_self())])
            } catch {
              return Outcome(problem: "\(path): \(error)", threads: [thread, UInt(pthread_self())])
            }
          }
        }
        var outcomes: [Outcome] = []
        for await outcome in group { outcomes.append(outcome) }
        return outcomes
      }
    }
    var report = LoadReport(name: "async-downloads")
    report.seconds = (ContinuousClock.now - start).seconds
    report.operations = outcomes.count
    for outcome in outcomes {
      if let problem = outcome.problem { report.fail(problem) }
    }
    // Live, the thread that calls `runAsync` becomes the event loop: the one thread.
    let threads = outcomes.reduce(into: Set<UInt>()) { $0.formUnion($1.threads) }
    report.details = [
      ("threads", "\(threads.count)"),
      ("on_caller", threads == [caller] ? "yes" : "no"),
      ("peak_in_flight", "\(inFlight.peak)"),
    ]
    return report
  }
}

/// How many downloads are between their start and their end, and the most there were.
final class InFlight: @unchecked Sendable {
  private let lock = NSLock()
  // Guarded by `lock`.
  private var now = 0
  private var most = 0

  func enter() {
    lock.withLock {
      now += 1
      most = max(most, now)
    }
  }

  func leave() { lock.withLock { now -= 1 } }

  /// The most in flight at once.
  var peak: Int { lock.withLock { most } }
}
