import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// The process table (`/proc`), as far as these tests need it.
private enum ProcessTable {
  /// The state letter (`R`, `S`, `Z` for a zombie…) and parent of `pid`; nil if it is gone.
  static func entry(_ pid: Int32) -> (state: Character, parent: Int32)? {
    guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
      let close = stat.lastIndex(of: ")")
    else { return nil }
    let fields = stat[stat.index(after: close)...].split(separator: " ")
    guard fields.count > 2, let state = fields[0].first, let parent = Int32(fields[1]) else {
      return nil
    }
    return (state, parent)
  }

  /// The arguments `pid` was started with, the program first.
  static func arguments(_ pid: Int32) -> [String] {
    guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else {
      return []
    }
    return data.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
  }

  /// The executable `pid` runs, symbolic links resolved.
  static func executable(_ pid: Int32) -> String? {
    try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(pid)/exe")
  }

  /// Every process id in the table.
  static var all: [Int32] {
    ((try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []).compactMap {
      Int32($0)
    }
  }

  /// Whether `pid` is a `lessons worker` of this build.
  static func isWorker(_ pid: Int32) -> Bool {
    executable(pid) == lessons && arguments(pid).dropFirst() == ["worker"]
  }

  /// The children of `parent` that are `lessons worker`s.
  static func workers(of parent: Int32) -> [Int32] {
    all.filter { entry($0)?.parent == parent && isWorker($0) }
  }

  /// Whether `pid` has ended: gone, or a zombie waiting for a parent that is not us.
  static func hasEnded(_ pid: Int32) -> Bool {
    guard let entry = entry(pid) else { return true }
    return entry.state == "Z" || entry.state == "X"
  }

  /// `lessons worker`s of this build that run without a `lessons` parent: left behind.
  static var orphanedWorkers: [Int32] {
    all.filter { pid in
      guard isWorker(pid), !hasEnded(pid), let parent = entry(pid)?.parent else { return false }
      return executable(parent) != lessons || hasEnded(parent)
    }
  }

  /// The `lessons` executable the tests run, symbolic links resolved.
  static let lessons = CLI.executable.resolvingSymlinksInPath().path
}

/// Text read from a pipe on a thread of its own, as it comes.
private final class PipeText: @unchecked Sendable {
  private let lock = NSLock()
  private var text = ""

  init(_ pipe: Pipe) {
    let handle = pipe.fileHandleForReading
    Thread.detachNewThread { [self] in
      while true {
        let data = handle.availableData
        if data.isEmpty { return }
        lock.withLock { text += String(decoding: data, as: UTF8.self) }
      }
    }
  }

  var current: String { lock.withLock { text } }
}

/// Waits (polling every 10 ms, up to a minute, a guard against a hang rather than a timing
/// claim) until `done` says so; returns whether it did.
private func poll(_ done: () -> Bool) -> Bool {
  for _ in 0..<6000 {
    if done() { return true }
    usleep(10_000)
  }
  return done()
}

@Suite("no worker process outlives lessons 17.3", .serialized)
struct ProcessCleanupCLITests {
  @Test(
    "the parent killed in the middle of a process cell: its workers go, no flag half-written",
    arguments: [
      // The flag downloads: twenty workers, each waiting for the parent's server.
      ("SIGKILL", SIGKILL, "In [2]:"),
      // The SHA-256 jobs: workers computing (Ctrl-C sent to the parent alone).
      ("SIGINT", SIGINT, "8 jobs of "),
    ])
  func killedParent(name: String, signal: Int32, marker: String) throws {
    let folder = NSTemporaryDirectory() + "lessons-cleanup-" + UUID().uuidString
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let parent = Process()
    parent.executableURL = CLI.executable
    parent.arguments = ["17.3", "--dest", folder]
    let output = Pipe()
    parent.standardOutput = output
    parent.standardError = FileHandle.nullDevice
    let ended = DispatchSemaphore(value: 0)
    parent.terminationHandler = { _ in ended.signal() }
    let text = PipeText(output)
    try parent.run()

    // Once the cell has begun, note its workers as they start; kill the parent when two run.
    var seen: Set<Int32> = []
    let started = poll {
      guard text.current.contains(marker) else { return false }
      seen.formUnion(ProcessTable.workers(of: parent.processIdentifier))
      return seen.count >= 2
    }
    kill(parent.processIdentifier, signal)
    ended.wait()
    #expect(started, "\(name): no two workers were seen; output: \(text.current.suffix(300))")
    #expect(parent.terminationReason == .uncaughtSignal, "\(name)")
    #expect(parent.terminationStatus == signal, "\(name)")

    for worker in seen {
      #expect(poll { ProcessTable.hasEnded(worker) }, "\(name): worker \(worker) outlived it")
    }
    #expect(poll { ProcessTable.orphanedWorkers.isEmpty }, "\(name): workers left behind")
    let files = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
    #expect(!files.contains { $0.hasSuffix(".tmp") }, "\(name): half-written files: \(files)")
  }
}
