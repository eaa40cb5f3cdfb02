import ConcurrencyRuntime
import Foundation
import Futures
import Testing
import WorkerFixtures

#if canImport(Glibc)
  import Glibc
#endif

/// The two runtimes a contract test runs in.
enum Mode: String, CaseIterable, CustomStringConvertible, Sendable {
  case virtual, live
  var description: String { rawValue }

  /// Runs `body` as the main thread of a fresh runtime of this mode (virtual: 2 CPUs); live,
  /// then checks the process table: no test worker may be left behind, running or a zombie.
  func run<T: Sendable>(
    sourceLocation: SourceLocation = #_sourceLocation,
    _ body: @escaping @Sendable (Runtime) throws -> T
  ) throws -> T {
    let runtime = self == .virtual ? Runtime.virtual(cpuCount: 2) : Runtime.live()
    let result = try runtime.run { try body(runtime) }
    if self == .live {
      let left = ProcessTable.leftoverWorkers()
      #expect(left.isEmpty, "workers left behind: \(left)", sourceLocation: sourceLocation)
    }
    return result
  }
}

/// The test worker executable, built beside the test bundle, started as a worker.
let workerCommand: WorkerCommand = {
  var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
  if directory.lastPathComponent == "MacOS" {
    directory = directory.deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent()
  }
  return WorkerCommand(
    executable: directory.appendingPathComponent("lessons-test-worker").path,
    arguments: ["worker"])
}()

/// A process pool of the test workers.
func makePool(maxWorkers: Int? = nil, maxTasksPerChild: Int? = nil, runtime: Runtime) throws
  -> ProcessPoolExecutor
{
  try ProcessPoolExecutor(
    maxWorkers: maxWorkers, maxTasksPerChild: maxTasksPerChild,
    registry: WorkerFixtures.registry, command: workerCommand, runtime: runtime)
}

/// What the process table (`/proc`) says of a process.
enum ProcessTable {
  /// The command name (15 characters at most), state letter (`R`, `S`, `Z` for a zombie…)
  /// and parent of `pid`, nil if there is none.
  static func entry(_ pid: Int32) -> (name: String, state: Character, parent: Int32)? {
    guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
      let open = stat.firstIndex(of: "("), let close = stat.lastIndex(of: ")")
    else { return nil }
    let name = String(stat[stat.index(after: open)..<close])
    let fields = stat[stat.index(after: close)...].split(separator: " ")
    guard fields.count > 2, let state = fields[0].first, let parent = Int32(fields[1]) else {
      return nil
    }
    return (name, state, parent)
  }

  /// The children of this process that are test workers (`lessons-test-worker`, which the
  /// kernel names `lessons-test-wo`), running or zombies.
  static func leftoverWorkers() -> [Int32] {
    let me = getpid()
    let pids = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
    return pids.compactMap { Int32($0) }.filter { pid in
      guard let entry = entry(pid) else { return false }
      return entry.parent == me && entry.name == "lessons-test-wo"
    }
  }

  /// Whether `pid` is still a child of this process, running or a zombie: a worker left behind.
  static func isOurChild(_ pid: Int32) -> Bool {
    entry(pid)?.parent == getpid()
  }

  /// Whether `pid` has ended (gone, or a zombie waiting for a parent that is not us).
  static func hasEnded(_ pid: Int32) -> Bool {
    guard let entry = entry(pid) else { return true }
    return entry.state == "Z" || entry.state == "X"
  }
}

/// A thread-safe list for recording what happened from several threads.
final class Log<T: Sendable>: @unchecked Sendable {
  private let lock = NSLock()
  private var items: [T] = []
  func append(_ item: T) { lock.withLock { items.append(item) } }
  var all: [T] { lock.withLock { items } }
}

/// The pids of a live pool's workers, seen while it runs: checked against the process table
/// once the pool is shut down.
func workerPIDs(_ executor: ProcessPoolExecutor, into log: Log<Int32>) {
  guard executor.runtime.capabilities.primitivesWorkOutside else { return }
  for process in executor.workerProcesses { log.append(process.pid) }
}
