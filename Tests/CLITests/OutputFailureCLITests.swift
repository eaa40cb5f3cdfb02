import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// Output that cannot be written: a reader that goes away (`| head`) ends every command
/// quietly, killed by SIGPIPE as `lessons 17.4 | head -1` always was; a full disk is one line
/// and exit status 1; nothing is left half-written; the server keeps serving without its log.
@Suite("output that cannot be written", .timeLimit(.minutes(3)))
struct OutputFailureCLITests {
  static let commands: [[String]] = [
    ["17.4", "--virtual"],
    ["17.4", "--speed", "50"],
    ["all", "--virtual"],
    ["flags2", "sequential", "-v", "a", "b", "--virtual"],
    ["flags2", "threadpool", "-a", "-v"],
    ["flags2", "async", "-a", "-v"],
    ["flags2", "sequential", "BR", "CN"],
    ["flags2", "threadpool", "-e", "-v", "-s", "ERROR", "--virtual"],
  ]

  @Test(
    "a reader that leaves after three lines ends the command by SIGPIPE, silently",
    arguments: commands)
  func closedPipe(arguments: [String]) throws {
    let folder = try TemporaryFolder()
    let run = try OutputRun(arguments + destination(arguments, folder), stdout: .pipe(keepLines: 3))
    #expect(run.signal == SIGPIPE, "status \(run.status), stderr: \(run.stderr)")
    #expect(!run.stderr.contains("Fatal error"))
    #expect(!run.stderr.contains("lessons:"))
    #expect(try folder.leftovers().isEmpty)
  }

  @Test(
    "a reader that is gone before the first line ends the command by SIGPIPE", arguments: commands)
  func pipeClosedAtOnce(arguments: [String]) throws {
    let folder = try TemporaryFolder()
    let run = try OutputRun(arguments + destination(arguments, folder), stdout: .pipe(keepLines: 0))
    #expect(run.signal == SIGPIPE, "status \(run.status), stderr: \(run.stderr)")
    #expect(!run.stderr.contains("Fatal error"))
    #expect(try folder.leftovers().isEmpty)
  }

  @Test("a full disk is one line on standard error and exit status 1", arguments: commands)
  func fullDisk(arguments: [String]) throws {
    let folder = try TemporaryFolder()
    let run = try OutputRun(arguments + destination(arguments, folder), stdout: .full)
    #expect(run.status == 1 && run.signal == nil)
    let lines = run.stderr.split(separator: "\n")
    #expect(lines.last == "lessons: cannot write output: No space left on device")
    #expect(!run.stderr.contains("Fatal error"))
    #expect(lines.count <= 2, "at most the note of a started server before it: \(lines)")
    #expect(try folder.leftovers().isEmpty)
  }

  @Test("help and the listing obey the same rules")
  func helpAndListing() throws {
    for arguments in [[], ["--help"], ["flags2", "--help"], ["serve", "--help"]] {
      let full = try OutputRun(arguments, stdout: .full)
      #expect(full.status == 1, "\(arguments)")
      #expect(full.stderr == "lessons: cannot write output: No space left on device\n")
      let closed = try OutputRun(arguments, stdout: .pipe(keepLines: 0))
      #expect(closed.signal == SIGPIPE, "\(arguments)")
      #expect(closed.stderr.isEmpty)
    }
  }

  @Test("serve -v goes on serving when its log's reader has gone, and stops cleanly")
  func serverWithoutItsLog() throws {
    let port = ServeCLITests().freePort()
    let server = try ServeProcess(
      ["--profile", "local", "--port", "\(port)", "-v"], standardError: .closedPipe)
    #expect(server.nextLine()?.hasPrefix("Serving LOCAL flags") == true)
    for _ in 0..<20 {
      let (status, length) = try ServeCLITests().fetch("http://127.0.0.1:\(port)/flags/cn/cn.gif")
      #expect(status == 200 && length > 1000)
    }
    #expect(server.interrupt() == 0)
  }

  @Test("serve goes on serving when standard output is full, and says so once")
  func serverWithFullOutput() throws {
    let port = ServeCLITests().freePort()
    let server = try ServeProcess(
      ["--profile", "local", "--port", "\(port)", "-v"], standardOutput: .full,
      standardError: .lines)
    var lines = [server.nextLine()].compactMap { $0 }
    for _ in 0..<5 {
      #expect(try ServeCLITests().fetch("http://127.0.0.1:\(port)/flags/br/br.gif").status == 200)
    }
    #expect(server.interrupt() == 0)
    while let line = server.nextLine(waiting: 1) { lines.append(line) }
    let notes = lines.filter { $0.contains("cannot write output") }
    #expect(
      notes == [
        "lessons serve: cannot write output: No space left on device (serving on without it)"
      ])
    #expect(lines.filter { $0.contains("GET /flags/br/br.gif") }.count == 5)
  }

  @Test("serve -v whose standard output reader has gone serves, logs, and stops on Ctrl-C")
  func serverWithoutItsOutput() throws {
    let port = ServeCLITests().freePort()
    let server = try ServeProcess(
      ["--profile", "delay", "--delay", "0", "--port", "\(port)", "-v"],
      standardOutput: .closedPipe, standardError: .lines)
    #expect(ServeCLITests().waitForListener(port: port))
    var lines: [String] = []
    for _ in 0..<3 {
      let (status, _) = try ServeCLITests().fetch("http://127.0.0.1:\(port)/flags/cn/cn.gif")
      #expect(status == 200)
    }
    #expect(server.interrupt() == 0)
    while let line = server.nextLine(waiting: 1) { lines.append(line) }
    #expect(lines.filter { $0.contains("GET /flags/cn/cn.gif") }.count == 3, "\(lines)")
    #expect(!lines.contains { $0.contains("Fatal error") || $0.contains("cannot write") })
  }

  /// `--dest` for the flags2 commands, so that leftovers can be looked for.
  func destination(_ arguments: [String], _ folder: TemporaryFolder) -> [String] {
    arguments.first == "flags2" ? ["--dest", folder.path] : []
  }
}

/// One run of `lessons` with standard output sent somewhere awkward.
struct OutputRun {
  enum Output {
    /// A pipe whose reader closes it after reading `keepLines` lines.
    case pipe(keepLines: Int)
    /// `/dev/full`: every write fails with ENOSPC.
    case full
  }

  var status: Int32 = 0
  /// The signal that ended the process, if one did.
  var signal: Int32?
  var stderr = ""

  init(_ arguments: [String], stdout: Output) throws {
    let process = Process()
    process.executableURL = try FlagsCLI.executable()
    process.arguments = arguments
    process.standardInput = FileHandle.nullDevice
    let errors = Pipe()
    process.standardError = errors
    var reader: FileHandle?
    switch stdout {
    case .pipe(let keep):
      let pipe = Pipe()
      process.standardOutput = pipe
      if keep == 0 {
        // Gone before the program starts: even a first write that fits the pipe fails.
        try pipe.fileHandleForReading.close()
      } else {
        reader = pipe.fileHandleForReading
      }
    case .full:
      guard let full = FileHandle(forWritingAtPath: "/dev/full") else {
        throw CocoaError(.fileNoSuchFile)
      }
      process.standardOutput = full
    }
    let exited = DispatchSemaphore(value: 0)
    process.terminationHandler = { _ in exited.signal() }
    try process.run()
    let errorData = FlagsCLI.Collected(errors.fileHandleForReading)
    if case .pipe(let keep) = stdout, let reader {
      var seen = 0
      while seen < keep {
        let chunk = reader.availableData
        if chunk.isEmpty { break }
        seen += chunk.filter { $0 == UInt8(ascii: "\n") }.count
      }
      try reader.close()
    }
    exited.wait()
    if process.terminationReason == .uncaughtSignal {
      signal = process.terminationStatus
    } else {
      status = process.terminationStatus
    }
    stderr = errorData.text()
  }
}

/// A fresh folder under the system's temporary directory, removed when the test is done.
final class TemporaryFolder {
  let path: String

  init() throws {
    path = NSTemporaryDirectory() + "lessons-output-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  }

  deinit { try? FileManager.default.removeItem(atPath: path) }

  /// Hidden temporary files left behind: half-written flags.
  func leftovers() throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: path).filter { $0.hasSuffix(".tmp") }
  }
}
