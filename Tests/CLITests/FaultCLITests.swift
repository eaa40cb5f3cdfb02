import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// Faults during a run: Ctrl-C in the middle of a live section or a flags2 run, the flag
/// server killed in the middle of a download, a server that never answers. Each run ends in
/// a clean summary with every requested code counted once, leaves no half-written flag and no
/// child process behind.
@Suite("faults during a run", .timeLimit(.minutes(5)))
struct FaultCLITests {
  @Test(
    "Ctrl-C during a live flags2 run: the downloads under way finish, the rest are reported",
    arguments: ["sequential", "threadpool", "async"])
  func interruptedFlags2(style: String) throws {
    let server = try SlowServer(delay: "0.5")
    defer { server.stop() }
    let folder = try TemporaryFolder()
    let run = try BackgroundRun(
      ["flags2", style, "-v", "-m", "2", "--url", server.url, "--dest", folder.path])
    #expect(run.output.waitFor([" OK\n"], seconds: 60), "a first flag arrives")
    let children = run.children()
    run.interrupt()
    let ended = run.waitForExit()
    #expect(ended == .exited(130), "\(ended); stderr: \(run.errors.text)")
    let report = Flags2Transcript(run.output.text)
    #expect(report.everyCodeOnce(of: Flags2Transcript.pop20), "\(run.output.text)")
    #expect(report.interrupted > 0 && report.downloaded > 0, "\(report.footer)")
    #expect(
      run.errors.text.contains(
        "Stopping after the downloads under way (Ctrl-C again to stop at once).\n"))
    #expect(report.footerAddsUp(to: 20), "\(report.footer)")
    #expect(try folder.leftovers().isEmpty, "no half-written flag")
    let saved = try FileManager.default.contentsOfDirectory(atPath: folder.path)
    #expect(saved.count == report.downloaded, "each flag reported downloaded is saved")
    #expect(Self.allEnded(children), "no child process left: \(children)")
  }

  @Test("a second Ctrl-C does not wait for the downloads under way: status 130 at once")
  func secondInterrupt() throws {
    let server = try SlowServer(delay: "60")  // the downloads under way would take a minute
    defer { server.stop() }
    let folder = try TemporaryFolder()
    let run = try BackgroundRun(
      [
        "flags2", "threadpool", "-v", "-m", "2", "--timeout", "120", "--url", server.url,
        "--dest", folder.path,
      ])
    #expect(run.output.waitFor(["2 concurrent connections will be used.\n"], seconds: 60))
    usleep(300_000)  // the first two requests are sent
    run.interrupt()
    usleep(300_000)
    run.interrupt()
    #expect(run.waitForExit(seconds: 30) == .exited(130), "it did not wait out the delay")
    #expect(!run.output.text.contains("Elapsed time"), "no footer: the run was abandoned")
    #expect(try folder.leftovers().isEmpty)
  }

  @Test("Ctrl-C during a live section: one line says where, status 130, nothing half-done")
  func interruptedSection() throws {
    let folder = try TemporaryFolder()
    let run = try BackgroundRun(["17.1", "--dest", folder.path])
    #expect(run.output.waitFor(["In [2]:", " BD "], seconds: 60), "the downloads have begun")
    let children = run.children()
    run.interrupt()
    #expect(run.waitForExit() == .exited(130))
    let lines = run.errors.text.split(separator: "\n")
    #expect(lines.count == 1, "\(lines)")
    #expect(lines.first?.hasPrefix("lessons: interrupted (Ctrl-C) in 17.1 at In [") == true)
    #expect(lines.first?.hasSuffix(" had run") == true)
    #expect(try folder.leftovers().isEmpty, "no half-written flag")
    #expect(Self.allEnded(children), "no child process left: \(children)")
  }

  @Test("a run started with SIGINT ignored (a shell's background job) is spared by Ctrl-C")
  func ignoredInterrupt() throws {
    let executable = try FlagsCLI.executable().path
    let run = try BackgroundRun(
      executable: "/bin/sh", ["-c", "trap '' INT; exec \"$0\" 17.4 --speed 2", executable])
    #expect(run.output.waitFor(["Script starting."], seconds: 60))
    run.interrupt()
    #expect(run.waitForExit() == .exited(0))
    #expect(run.output.text.contains("result 4: 40\n"), "the run went on to its end")
    #expect(run.errors.text.isEmpty)
  }

  @Test("Ctrl-C during 17.5's progress bar: the same clean stop")
  func interruptedProgress() throws {
    let folder = try TemporaryFolder()
    let run = try BackgroundRun(["17.5", "--dest", folder.path])
    #expect(run.output.waitFor(["In [2]:"], seconds: 60))
    usleep(300_000)
    run.interrupt()
    #expect(run.waitForExit() == .exited(130))
    let errors = run.errors.text
    #expect(errors.hasSuffix(" had run\n") && errors.contains("interrupted (Ctrl-C) in 17.5"))
    #expect(!errors.contains("Fatal error"))
    #expect(try folder.leftovers().isEmpty)
  }

  @Test(
    "the flag server killed in the middle of a download: every code reported once, no partial file",
    arguments: ["sequential", "threadpool", "async"])
  func serverKilled(style: String) throws {
    let server = try SlowServer(delay: "0.3")
    let folder = try TemporaryFolder()
    let run = try BackgroundRun(
      [
        "flags2", style, "-v", "-m", "3", "--timeout", "5", "--url", server.url, "--dest",
        folder.path,
      ])
    #expect(run.output.waitFor([" OK\n"], seconds: 60), "a first flag arrives")
    server.kill()
    #expect(run.waitForExit() == .exited(0), "stderr: \(run.errors.text)")
    let report = Flags2Transcript(run.output.text)
    #expect(report.everyCodeOnce(of: Flags2Transcript.pop20), "\(run.output.text)")
    #expect(report.errors > 0 && report.downloaded > 0, "\(report.footer)")
    #expect(report.footerAddsUp(to: 20), "\(report.footer)")
    #expect(try folder.leftovers().isEmpty, "no half-written flag")
    let saved = try FileManager.default.contentsOfDirectory(atPath: folder.path)
    #expect(saved.count == report.downloaded)
  }

  @Test(
    "a server that never answers: the time-out reports each code and moves on",
    arguments: ["sequential", "threadpool", "async"])
  func silentServer(style: String) throws {
    let silent = try BusyPort()  // listens, never accepts, never answers
    defer { silent.close() }
    let folder = try TemporaryFolder()
    let run = try BackgroundRun(
      [
        "flags2", style, "-v", "--timeout", "0.5", "--url", "http://127.0.0.1:\(silent.port)/f",
        "--dest", folder.path, "cn", "br", "in",
      ])
    #expect(run.waitForExit(seconds: 60) == .exited(0), "stderr: \(run.errors.text)")
    let report = Flags2Transcript(run.output.text)
    #expect(report.everyCodeOnce(of: ["BR", "CN", "IN"]), "\(run.output.text)")
    #expect(run.output.text.contains("*** Error for CN: Timed out"), "\(run.output.text)")
    #expect(report.errors == 3 && report.footerAddsUp(to: 3), "\(report.footer)")
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
  }

  /// Whether every process in `pids` has ended (gone, or a zombie about to be reaped), waiting
  /// up to 10 s: a guard against a hang, not a claim about speed.
  static func allEnded(_ pids: [Int32]) -> Bool {
    let end = Date().addingTimeInterval(10)
    while Date() < end {
      if pids.allSatisfy(hasEnded) { return true }
      usleep(20_000)
    }
    return pids.allSatisfy(hasEnded)
  }

  private static func hasEnded(_ pid: Int32) -> Bool {
    guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
      let close = stat.lastIndex(of: ")")
    else { return true }
    let state = stat[stat.index(close, offsetBy: 2)]
    return state == "Z" || state == "X"
  }
}

/// `lessons serve --profile delay` on a free port, with a fixed delay, in the background.
final class SlowServer {
  let url: String
  private let process: ServeProcess

  init(delay: String) throws {
    let port = ServeCLITests().freePort()
    process = try ServeProcess(["--profile", "delay", "--delay", delay, "--port", "\(port)"])
    url = "http://127.0.0.1:\(port)/flags"
    guard process.nextLine()?.hasPrefix("Serving DELAY flags") == true else {
      throw CocoaError(.fileReadUnknown)
    }
  }

  /// Stops it with SIGKILL: no goodbye to its clients.
  func kill() { process.kill() }

  /// Stops it with Ctrl-C.
  func stop() { _ = process.interrupt() }
}

/// `lessons ARGUMENTS` running in the background, its output read as it comes.
final class BackgroundRun {
  /// How a run ended.
  enum Ending: Equatable {
    case exited(Int32)
    case signalled(Int32)
    case stillRunning
  }

  let output: StreamText
  let errors: StreamText
  private let process = Process()
  private let exited = DispatchSemaphore(value: 0)

  /// Starts `lessons arguments`, or `executable arguments` when one is given.
  init(executable: String? = nil, _ arguments: [String]) throws {
    process.executableURL = try executable.map(URL.init(fileURLWithPath:)) ?? FlagsCLI.executable()
    process.arguments = arguments
    process.standardInput = FileHandle.nullDevice
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.terminationHandler = { [exited] _ in exited.signal() }
    try process.run()
    output = StreamText(out.fileHandleForReading)
    errors = StreamText(err.fileHandleForReading)
  }

  /// The process's children now, from /proc.
  func children() -> [Int32] {
    let pid = process.processIdentifier
    let tasks = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/task")) ?? []
    return tasks.flatMap { task in
      ((try? String(contentsOfFile: "/proc/\(pid)/task/\(task)/children", encoding: .utf8)) ?? "")
        .split(separator: " ").compactMap { Int32($0) }
    }
  }

  /// Sends SIGINT, as Ctrl-C does.
  func interrupt() { kill(process.processIdentifier, SIGINT) }

  /// Waits for the end (killing it after `seconds`), and for its output to be read.
  func waitForExit(seconds: Double = 60) -> Ending {
    guard exited.wait(timeout: .now() + seconds) == .success else {
      kill(process.processIdentifier, SIGKILL)
      exited.wait()
      return .stillRunning
    }
    _ = output.waitForEnd(seconds: 10)
    _ = errors.waitForEnd(seconds: 10)
    return process.terminationReason == .exit
      ? .exited(process.terminationStatus) : .signalled(process.terminationStatus)
  }
}

/// A flags2 run's verbose lines and footer, read back.
struct Flags2Transcript {
  /// The book's POP20, sorted.
  static let pop20 = [
    "BD", "BR", "CD", "CN", "DE", "EG", "ET", "FR", "ID", "IN", "IR", "JP", "MX", "NG", "PH",
    "PK", "RU", "TR", "US", "VN",
  ]

  /// The code each verbose line reports on, in order.
  var reported: [String] = []
  /// The lines from the dashes on.
  var footer: [String] = []
  var downloaded = 0
  var notFound = 0
  var errors = 0
  var interrupted = 0

  init(_ text: String) {
    var inFooter = false
    for line in text.split(separator: "\n").map(String.init) {
      if line == String(repeating: "-", count: 20) { inFooter = true }
      if inFooter {
        footer.append(line)
        let number = Int(line.prefix { $0.isNumber }) ?? 0
        if line.hasSuffix(" downloaded.") { downloaded = number }
        if line.hasSuffix(" not found.") { notFound = number }
        if line.hasSuffix(" error.") || line.hasSuffix(" errors.") { errors = number }
        if line.hasSuffix("interrupted (Ctrl-C).") { interrupted = number }
      } else if line.hasPrefix("*** Error for ") {
        reported.append(String(line.dropFirst("*** Error for ".count).prefix(2)))
      } else if line.hasSuffix(" OK") || line.hasSuffix(" not found"), line.count <= 12 {
        reported.append(String(line.prefix(2)))
      }
    }
  }

  /// Whether the verbose lines name each of `codes` exactly once, and nothing else.
  func everyCodeOnce(of codes: [String]) -> Bool { reported.sorted() == codes.sorted() }

  /// Whether the footer's counts add up to `total` and end with the elapsed time.
  func footerAddsUp(to total: Int) -> Bool {
    downloaded + notFound + errors + interrupted == total
      && footer.last?.hasPrefix("Elapsed time: ") == true
  }
}

/// Everything a pipe delivers, read on a thread of its own, watched as it grows.
final class StreamText: @unchecked Sendable {
  // `collected` and `ended` are guarded by `lock`, hence @unchecked Sendable.
  private let lock = NSLock()
  private var collected = ""
  private var ended = false

  init(_ handle: FileHandle) {
    Thread.detachNewThread { [self] in
      while true {
        let chunk = handle.availableData
        if chunk.isEmpty { break }
        lock.withLock { collected += String(decoding: chunk, as: UTF8.self) }
      }
      lock.withLock { ended = true }
    }
  }

  /// Everything read so far.
  var text: String { lock.withLock { collected } }

  /// Whether every piece appeared within `seconds`.
  func waitFor(_ pieces: [String], seconds: Double) -> Bool {
    poll(seconds) { pieces.allSatisfy(self.text.contains) }
  }

  /// Whether the pipe closed within `seconds`.
  func waitForEnd(seconds: Double) -> Bool { poll(seconds) { self.lock.withLock { self.ended } } }

  private func poll(_ seconds: Double, _ condition: () -> Bool) -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
      if condition() { return true }
      usleep(20_000)
    }
    return condition()
  }
}
