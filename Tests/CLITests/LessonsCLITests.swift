import Foundation
import Testing

/// Runs the built `lessons` executable, as a user would.
struct CLI {
  struct Outcome {
    var status: Int32
    var stdout: String
    var stderr: String
  }

  /// The `lessons` binary next to the test bundle.
  static let executable: URL = {
    if let path = ProcessInfo.processInfo.environment["LESSONS_EXECUTABLE"] {
      return URL(fileURLWithPath: path)
    }
    var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    if directory.lastPathComponent == "MacOS" {
      directory = directory.deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    }
    return directory.appendingPathComponent("lessons")
  }()

  static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> Outcome {
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    let finished = DispatchSemaphore(value: 0)
    process.terminationHandler = { _ in finished.signal() }
    try process.run()
    // Both pipes at once: read one after the other, a child that fills the second (more than
    // 64 KB, such as the Address Sanitizer's leak report) before closing the first would wait
    // for us while we wait for it.
    let stderr = Collected(err.fileHandleForReading)
    let stdout = out.fileHandleForReading.readDataToEndOfFile()
    finished.wait()
    return Outcome(
      status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
      stderr: String(decoding: stderr.data(), as: UTF8.self))
  }

  /// Everything a pipe delivers, read on a thread of its own.
  final class Collected: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    // Written once by the reading thread before `done` is signalled.
    private var collected = Data()

    init(_ handle: FileHandle) {
      Thread.detachNewThread { [self] in
        collected = handle.readDataToEndOfFile()
        done.signal()
      }
    }

    /// The bytes, once the pipe has ended.
    func data() -> Data {
      done.wait()
      return collected
    }
  }

  static let transcripts = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("transcripts")
}

@Suite("lessons command")
struct LessonsCLITests {
  @Test(
    "more than a pipe's worth on standard error is read whole, not a deadlock",
    .timeLimit(.minutes(5)))
  func longErrorOutput() throws {
    // The Address Sanitizer's leak report at exit is this long; so is an error that echoes a
    // long argument. Read after standard output ends, the error pipe would fill first.
    let section = String(repeating: "x", count: 100_000)
    let outcome = try CLI.run([section])
    #expect(outcome.status == 2)
    #expect(outcome.stderr.contains("unknown section '\(section)'"))
  }

  @Test("with no arguments it lists the sections with their titles, in chapter order")
  func listing() throws {
    let outcome = try CLI.run([])
    #expect(outcome.status == 0)
    #expect(
      outcome.stdout.contains(
        """
          17.1  Example: web downloads in three styles
          17.2  Blocking I/O and the GIL
          17.3  Launching processes with concurrent.futures
          17.4  Experimenting with Executor.map
          17.5  Downloads with progress display and error handling

        """))
    #expect(outcome.stderr.isEmpty)
  }

  @Test("'all' runs every section in chapter order: in virtual time, their transcripts")
  func all() throws {
    let outcome = try CLI.run(["all", "--virtual"])
    var golden = ""
    for id in ["17.1", "17.2", "17.3", "17.4", "17.5"] {
      golden += try String(
        contentsOf: CLI.transcripts.appendingPathComponent("\(id).txt"), encoding: .utf8)
    }
    #expect(outcome.status == 0)
    #expect(outcome.stderr.isEmpty)
    #expect(outcome.stdout == golden)
  }

  @Test("a live flag section starts its server, names it and the new folder, and saves there")
  func liveFlags() throws {
    let outcome = try CLI.run(["17.1", "--speed", "50"])
    #expect(outcome.status == 0)
    #expect(outcome.stderr.isEmpty)
    let lines = outcome.stdout.split(separator: "\n").map(String.init)
    #expect(lines.contains { $0.hasPrefix("Started a DELAY flag server at http://127.0.0.1:") })
    let prefix = "Flags are saved in a new folder, "
    let folder = try #require(lines.first { $0.hasPrefix(prefix) }).dropFirst(prefix.count)
    defer { try? FileManager.default.removeItem(atPath: String(folder)) }
    #expect(folder.hasPrefix(NSTemporaryDirectory()) && folder.contains("lessons-17.1-"))
    let files = try FileManager.default.contentsOfDirectory(atPath: String(folder))
    #expect(files.count == 20 && files.allSatisfy { $0.hasSuffix(".gif") })
    #expect(outcome.stdout.contains("\n5 flags downloaded in "))
  }

  @Test("--virtual prints exactly the golden transcript")
  func virtualRun() throws {
    let outcome = try CLI.run(["17.4", "--virtual"])
    let golden = try String(
      contentsOf: CLI.transcripts.appendingPathComponent("17.4.txt"), encoding: .utf8)
    #expect(outcome.status == 0)
    #expect(outcome.stdout == golden)
  }

  @Test("--seed picks a reproducible interleaving of the same lines")
  func seeded() throws {
    let first = try CLI.run(["17.4", "--seed", "3"])
    let again = try CLI.run(["17.4", "--seed=3"])
    #expect(first.status == 0)
    #expect(first.stdout == again.stdout)
    let lines = { (text: String) in text.split(separator: "\n").sorted() }
    let golden = try String(
      contentsOf: CLI.transcripts.appendingPathComponent("17.4.txt"), encoding: .utf8)
    #expect(lines(first.stdout) == lines(golden), "the same lines, perhaps in another order")
  }

  @Test("a live run at high speed shows every line of the experiment")
  func liveRun() throws {
    let outcome = try CLI.run(["17.4", "--speed", "50"])
    #expect(outcome.status == 0)
    for n in 0..<5 { #expect(outcome.stdout.contains("] result \(n): \(n * 10)\n")) }
    #expect(outcome.stdout.contains("Script starting."))
  }

  @Test("--help explains every option")
  func help() throws {
    let outcome = try CLI.run(["--help"])
    #expect(outcome.status == 0)
    for option in ["--virtual", "--seed N", "--speed X", "-h, --help", "lessons all"] {
      #expect(outcome.stdout.contains(option), "help mentions \(option)")
    }
  }

  @Test("--help starts with the usage and lists the commands, not the hidden 'list'")
  func helpCommands() throws {
    let outcome = try CLI.run(["--help"])
    let usage: [String] = [
      "usage: lessons [-h] [--dest DIR] [--lang LANG] [--virtual] [--seed N]",
      "               [--speed X] [--timeline] [--timeline-svg FILE] [--step]",
      "               [--set NAME=VALUE] [--params] [--format FORMAT] [--output FILE]",
      "               [--live]",
      "               [SECTION ...]",
      "       lessons {serve,flags2,explore} ...",
    ]
    #expect(outcome.stdout.hasPrefix(usage.map { $0 + "\n" }.joined()))
    #expect(outcome.stdout.contains("\n  serve "))
    #expect(outcome.stdout.contains("\n  explore "))
    #expect(outcome.stdout.contains("\n  flags2 "))
    #expect(!outcome.stdout.contains("\n  list "))
    let listing = try CLI.run(["list"])
    #expect(listing.status == 0)
    #expect(listing.stdout == (try CLI.run([])).stdout)
  }

  @Test(
    "bad input gets one clear line on stderr and exit status 2",
    arguments: [
      (
        ["9.9"],
        "lessons: unknown section '9.9': choose 17.1, 17.2, 17.3, 17.4, 17.5, or all"
      ),
      (
        ["17.4", "--speed", "0"],
        "lessons: --speed must be from 0.01 to 1000 (such as 2 or 0.5), not '0'"
      ),
      (
        ["17.4", "--speed", "-3"],
        "lessons: --speed must be from 0.01 to 1000 (such as 2 or 0.5), not '-3'"
      ),
      (
        ["17.4", "--speed", "1e-10"],
        "lessons: --speed must be from 0.01 to 1000 (such as 2 or 0.5), not '1e-10'"
      ),
      (
        ["17.4", "--speed", "1e9"],
        "lessons: --speed must be from 0.01 to 1000 (such as 2 or 0.5), not '1e9'"
      ),
      (
        ["17.4", "--speed=1000.5"],
        "lessons: --speed must be from 0.01 to 1000 (such as 2 or 0.5), not '1000.5'"
      ),
      (
        ["17.4", "--speed", "nan"],
        "lessons: --speed must be from 0.01 to 1000 (such as 2 or 0.5), not 'nan'"
      ),
      (
        ["17.4", "--seed", "abc"],
        "lessons: --seed must be a whole number from 0 to 2^64 - 1, not 'abc'"
      ),
      (["17.4", "--seed"], "lessons: --seed needs a value (see 'lessons --help')"),
      (["17.4", "--frobnicate"], "lessons: unknown option '--frobnicate' (see 'lessons --help')"),
      (
        ["17.4", "--virtual", "--speed", "2"],
        "lessons: --speed is for live runs; virtual time has no speed to set"
      ),
    ])
  func usageErrors(arguments: [String], message: String) throws {
    let outcome = try CLI.run(arguments)
    #expect(outcome.status == 2)
    #expect(outcome.stderr == message + "\n")
    #expect(outcome.stdout.isEmpty)
  }

  @Test("NO_COLOR and pipes get plain text; a terminal gets colour")
  func color() throws {
    let piped = try CLI.run(["17.4", "--virtual"])
    #expect(!piped.stdout.contains("\u{1B}["))
    guard FileManager.default.isExecutableFile(atPath: "/usr/bin/script") else { return }
    let command = "\(CLI.executable.path) 17.4 --virtual"
    let tty = try runScript(command, environment: ["NO_COLOR": ""])
    #expect(tty.contains("\u{1B}[1;34mIn [1]:"))
    let noColor = try runScript(command, environment: ["NO_COLOR": "1"])
    #expect(noColor.contains("In [1]:"))
    #expect(!noColor.contains("\u{1B}["))
    let dumb = try runScript(command, environment: ["NO_COLOR": "", "TERM": "dumb"])
    #expect(dumb.contains("In [1]:"))
    #expect(!dumb.contains("\u{1B}["))
  }

  @Test(
    "help, listings, notes and usage errors fit in 80 columns",
    arguments: [
      [], ["--help"], ["serve", "--help"], ["flags2", "--help"], ["flags2", "async", "--help"],
      ["all", "--virtual"],
      ["17.4", "--speed", "1e9"], ["17.4", "--seed", "x"], ["17.4", "--bogus"], ["9.9"],
      ["flags2", "async", "-m", "0"], ["flags2", "threadpool", "--url", "http://h/f?x=1"],
      ["flags2", "threadpool", "--url", "http://127.0.0.1:8/f", "--virtual"],
      ["serve", "--port", "x"], ["flags2", "sequential", "BR", "--dest", "/tmp/lessons-80"],
      ["flags2", "async", "--seed", "-12345"], ["serve", "--seed", "-12345"], ["--virtual"],
    ])
  func eightyColumns(arguments: [String]) throws {
    let outcome = try CLI.run(arguments)
    for line in (outcome.stdout + outcome.stderr).split(separator: "\n") {
      #expect(line.count <= 80, "\(arguments): \(line)")
    }
  }

  @Test("--dest names where a live flag section saves its flags, and says so")
  func destination() throws {
    let folder = NSTemporaryDirectory() + "lessons-dest-" + UUID().uuidString
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let outcome = try CLI.run(["17.1", "--speed", "50", "--dest", folder])
    #expect(outcome.status == 0)
    #expect(outcome.stdout.contains("Flags are saved in \(folder)\n"))
    let saved = try FileManager.default.contentsOfDirectory(atPath: folder)
    #expect(saved.filter { $0.hasSuffix(".gif") }.count == 20)
    #expect(!saved.contains { $0.hasSuffix(".tmp") })
    let empty = try CLI.run(["17.1", "--dest", ""])
    #expect(empty.status == 2 && empty.stderr == "lessons: --dest DIR must not be empty\n")
    let alone = try CLI.run(["--dest", folder])
    #expect(alone.status == 2)
    #expect(alone.stderr.hasPrefix("lessons: name a section to run"))
  }

  @Test("the fastest speed accepted runs the whole section")
  func fastestSpeed() throws {
    let outcome = try CLI.run(["17.4", "--speed", "1000"])
    #expect(outcome.status == 0)
    #expect(outcome.stderr.isEmpty)
    #expect(outcome.stdout.contains("result 4: 40\n"))
  }

  @Test("the slowest speed accepted runs: its first second of lesson time takes 100 s")
  func slowestSpeed() throws {
    let process = Process()
    process.executableURL = CLI.executable
    process.arguments = ["17.4", "--speed", "0.01"]
    let out = Pipe()
    process.standardOutput = out
    process.standardError = FileHandle.nullDevice
    let exited = DispatchSemaphore(value: 0)
    process.terminationHandler = { _ in exited.signal() }
    try process.run()
    let reader = LineReader(out.fileHandleForReading)
    let started = (0..<3).map { "loiter(\($0)): doing nothing for \($0)s..." }
    let seen = reader.waitFor(started + ["results: <MapResults object at 0x"], seconds: 60)
    #expect(seen, "the first instant of the lesson ran: \(reader.text)")
    #expect(process.isRunning, "still waiting for loiter(1), a second of lesson time")
    #expect(!reader.text.contains("loiter(1): done."))
    kill(process.processIdentifier, SIGKILL)
    #expect(exited.wait(timeout: .now() + 30) == .success)
    #expect(process.terminationReason == .uncaughtSignal)
  }

  /// Runs `command` under a pseudo-terminal with util-linux `script`.
  private func runScript(_ command: String, environment: [String: String]) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
    process.arguments = ["-qec", command, "/dev/null"]
    process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    let out = Pipe()
    process.standardOutput = out
    process.standardInput = FileHandle.nullDevice
    try process.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self)
  }
}

/// Reads a pipe on a thread of its own and keeps the text.
final class LineReader: @unchecked Sendable {
  private let lock = NSLock()
  private var collected = ""

  init(_ handle: FileHandle) {
    Thread.detachNewThread { [self] in
      while true {
        let chunk = handle.availableData
        if chunk.isEmpty { break }
        lock.withLock { collected += String(decoding: chunk, as: UTF8.self) }
      }
    }
  }

  /// Everything read so far.
  var text: String { lock.withLock { collected } }

  /// Whether every piece appeared within `seconds`.
  func waitFor(_ pieces: [String], seconds: Double) -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
      let text = self.text
      if pieces.allSatisfy({ text.contains($0) }) { return true }
      Thread.sleep(forTimeInterval: 0.05)
    }
    return false
  }
}

@Suite("lessons --timeline")
struct TimelineCLITests {
  @Test("17.4 --virtual --timeline: the transcript, with the chart after the experiment's cell")
  func timeline() throws {
    let outcome = try CLI.run(["17.4", "--virtual", "--timeline"])
    #expect(outcome.status == 0, "\(outcome.stderr)")
    let chart = """
      [09:00:05] result 4: 40

      Timeline of In [2], 5s (= running, . waiting)
                              0s        1s        2s         3s        4s        5s
      ThreadPoolExecutor-0_0  |[3............................]  | 0 at 0s
      ThreadPoolExecutor-0_1  [1........][4......................................]
      ThreadPoolExecutor-0_2  [2..................]


      """
    #expect(outcome.stdout.contains(chart))
    let transcript = try String(
      contentsOf: CLI.transcripts.appendingPathComponent("17.4.txt"), encoding: .utf8)
    let withoutChart = outcome.stdout.replacingOccurrences(
      of: chart, with: "[09:00:05] result 4: 40\n\n")
    #expect(withoutChart == transcript, "the chart is the only addition")
    for line in outcome.stdout.split(separator: "\n") {
      #expect(line.count <= 80, "\(line)")
    }
  }

  @Test("--timeline-svg FILE writes the picture and leaves standard output the transcript")
  func svg() throws {
    let file = FileManager.default.temporaryDirectory
      .appendingPathComponent("timeline-\(UUID().uuidString).svg")
    defer { try? FileManager.default.removeItem(at: file) }
    let outcome = try CLI.run(["17.4", "--virtual", "--timeline-svg", file.path])
    #expect(outcome.status == 0, "\(outcome.stderr)")
    let transcript = try String(
      contentsOf: CLI.transcripts.appendingPathComponent("17.4.txt"), encoding: .utf8)
    #expect(outcome.stdout == transcript)
    let svg = try String(contentsOf: file, encoding: .utf8)
    #expect(svg.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg "))
    #expect(svg.contains("In [2]"))
  }

  @Test("a timeline that cannot be written is one line and exit status 1")
  func svgUnwritable() throws {
    let outcome = try CLI.run(["17.4", "--virtual", "--timeline-svg", "/no/such/dir/t.svg"])
    #expect(outcome.status == 1)
    #expect(
      outcome.stderr
        == "lessons: cannot write the timeline to /no/such/dir/t.svg: No such file or directory\n")
    #expect(outcome.stdout.isEmpty, "checked before the section runs")
  }

  @Test("--timeline without a section is a usage error")
  func alone() throws {
    let outcome = try CLI.run(["--timeline"])
    #expect(outcome.status == 2)
    #expect(outcome.stderr.hasPrefix("lessons: name a section to run"))
  }
}
