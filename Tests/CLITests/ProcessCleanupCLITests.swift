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

/// Text read from a file descriptor on a thread of its own, as it comes.
private final class PipeText: @unchecked Sendable {
  private let lock = NSLock()
  private var text = ""

  /// Reads `fd` until its end, then closes it.
  init(_ fd: Int32) {
    Thread.detachNewThread { [self] in
      var buffer = [UInt8](repeating: 0, count: 4096)
      while true {
        let count = read(fd, &buffer, buffer.count)
        if count < 0 && errno == EINTR { continue }
        if count <= 0 { break }
        lock.withLock { text += String(decoding: buffer[..<count], as: UTF8.self) }
      }
      close(fd)
    }
  }

  var current: String { lock.withLock { text } }
}

/// `lessons ARGUMENTS` started as a shell starts it, which `Process` cannot do: no signal
/// blocked, the usual ones at their default action (a test runs on a thread that blocks
/// most signals, and a child inherits that mask). Its standard output is read as it comes.
private struct LessonsChild {
  let pid: pid_t
  let output: PipeText

  init(_ arguments: [String]) throws {
    var pipeEnds: [Int32] = [0, 0]
    guard pipe(&pipeEnds) == 0 else { throw POSIXError(.EMFILE) }
    // Only the copy on the child's standard output may reach it (or the workers it starts).
    for end in pipeEnds { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var none = sigset_t()
    sigemptyset(&none)
    posix_spawnattr_setsigmask(&attributes, &none)
    var usual = sigset_t()
    sigemptyset(&usual)
    for signal in [SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGPIPE] { sigaddset(&usual, signal) }
    posix_spawnattr_setsigdefault(&attributes, &usual)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_adddup2(&actions, pipeEnds[1], 1)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    let path = CLI.executable.path
    let argv = ([path] + arguments).map { strdup($0) } + [nil]
    defer { for argument in argv { free(argument) } }
    var pid = pid_t()
    let failure = posix_spawn(&pid, path, &actions, &attributes, argv, environ)
    close(pipeEnds[1])
    guard failure == 0 else {
      close(pipeEnds[0])
      throw POSIXError(POSIXErrorCode(rawValue: failure) ?? .ENOENT)
    }
    self.pid = pid
    output = PipeText(pipeEnds[0])
  }

  /// Waits for the child to end: the signal that killed it, or nil and its exit status.
  func waitForEnd() -> (signal: Int32?, status: Int32) {
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    let signal = status & 0x7f
    return (signal != 0 && signal != 0x7f ? signal : nil, (status >> 8) & 0xff)
  }
}

/// Waits (polling every 10 ms) until `done` says so, for a grace period of 10 s, far longer
/// than a worker needs to notice its parent gone or finish a job; returns whether it did.
private func poll(_ done: () -> Bool) -> Bool {
  for _ in 0..<1000 {
    if done() { return true }
    usleep(10_000)
  }
  return done()
}

@Suite("no worker process outlives lessons 17.3", .serialized)
struct ProcessCleanupCLITests {
  @Test("a live run shows other processes at work, saves whole flags, and leaves no worker")
  func liveRun() throws {
    let folder = NSTemporaryDirectory() + "lessons-live-" + UUID().uuidString
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let outcome = try CLI.run(["17.3", "--speed", "20", "--dest", folder])
    #expect(outcome.status == 0, "\(outcome.stderr)")
    #expect(outcome.stderr.isEmpty)
    let lines = outcome.stdout.split(separator: "\n")
    let own = lines.first { $0.hasPrefix("This notebook runs as pid ") }.flatMap {
      Int32($0.dropFirst("This notebook runs as pid ".count))
    }
    #expect(own != nil)
    // `job 3: pid 4321, 2b080f7d…`: each job answered once, by a process other than this one.
    let answers = lines.map { $0.split(separator: " ") }.filter { (words: [Substring]) in
      words.count == 5 && words[0] == "job" && words[2] == "pid"
    }
    #expect(answers.map { $0[1] } == (0..<8).map { "\($0):" })
    let pids = Set(answers.compactMap { Int32($0[3].dropLast()) })
    #expect(!pids.isEmpty && own.map { !pids.contains($0) } == true, "\(pids), not \(own ?? 0)")
    #expect(lines.contains("Every run computed the same 12 digests."))
    #expect(lines.filter { $0.hasPrefix("20 flags downloaded in ") }.count == 2)
    let files = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
    #expect(files.count == 20 && files.allSatisfy { $0.hasSuffix(".gif") }, "\(files)")
    #expect(poll { ProcessTable.orphanedWorkers.isEmpty }, "workers left behind")
  }

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
    let parent = try LessonsChild(["17.3", "--dest", folder])

    // Once the cell has begun, note its workers as they start; kill the parent when two run.
    var seen: Set<Int32> = []
    let started = poll {
      guard parent.output.current.contains(marker) else { return false }
      seen.formUnion(ProcessTable.workers(of: parent.pid))
      return seen.count >= 2
    }
    kill(parent.pid, signal)
    let end = parent.waitForEnd()
    #expect(started, "\(name): no two workers seen; output: \(parent.output.current.suffix(300))")
    // SIGKILL kills it; Ctrl-C is the program's to handle: one line, status 130.
    if signal == SIGINT {
      #expect(end.signal == nil && end.status == 130, "\(name): the parent ended by \(end)")
    } else {
      #expect(end.signal == signal, "\(name): the parent ended by \(end)")
    }

    for worker in seen {
      #expect(poll { ProcessTable.hasEnded(worker) }, "\(name): worker \(worker) outlived it")
    }
    #expect(poll { ProcessTable.orphanedWorkers.isEmpty }, "\(name): workers left behind")
    let files = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
    #expect(!files.contains { $0.hasSuffix(".tmp") }, "\(name): half-written files: \(files)")
  }
}
