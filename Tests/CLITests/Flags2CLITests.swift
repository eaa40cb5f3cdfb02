import Foundation
import Testing

@Suite("lessons flags2", .timeLimit(.minutes(2)))
struct Flags2CLITests {
  /// The usage lines as argparse wraps them for 80 columns: the positionals on a line of
  /// their own once the usage needs more than one (what Python 3.11's argparse prints for
  /// the same parser).
  func usage(_ style: String) -> String {
    switch style {
    case "{sequential,threadpool,async}":
      return """
        usage: lessons flags2 {sequential,threadpool,async} [-h] [-a] [-e] [-l N]
                                                            [-m CONCURRENT] [-s LABEL]
                                                            [-v] [--url BASE]
                                                            [--dest DIR] [--timeout S]
                                                            [--virtual] [--seed N]
                                                            [CC ...]

        """
    case "async":
      return """
        usage: lessons flags2 async [-h] [-a] [-e] [-l N] [-m CONCURRENT] [-s LABEL]
                                    [-v] [--url BASE] [--dest DIR] [--timeout S]
                                    [--virtual] [--seed N]
                                    [CC ...]

        """
    default:
      let command = "usage: lessons flags2 \(style) "
      let indent = String(repeating: " ", count: command.count)
      return command + "[-h] [-a] [-e] [-l N] [-m CONCURRENT]\n"
        + indent + "[-s LABEL] [-v] [--url BASE] [--dest DIR]\n"
        + indent + "[--timeout S] [--virtual] [--seed N]\n" + indent + "[CC ...]\n"
    }
  }

  @Test(
    "every usage error: the book's message, the usage, exit status 2",
    arguments: [
      (["-m", "0"], "--max_req CONCURRENT must be >= 1"),
      (["--max_req=-3"], "--max_req CONCURRENT must be >= 1"),
      (["-l", "0"], "--limit N must be >= 1"),
      (["-s", "nowhere"], "--server LABEL must be one of DELAY, ERROR, LOCAL, REMOTE"),
      (["abc"], "each CC argument must be A to Z or AA to ZZ."),
      (["c", "7"], "each CC argument must be A to Z or AA to ZZ."),
      (["-l", "ten"], "argument -l/--limit: invalid int value: 'ten'"),
      (["-m"], "argument -m/--max_req: expected one argument"),
      (["--frobnicate"], "unrecognized arguments: --frobnicate"),
      (["--seed", "x"], "--seed must be a whole number from 0 to 2^64 - 1, not 'x'"),
      (["--timeout", "-1"], "--timeout S must be a number of seconds > 0 and <= 3600, not '-1'"),
      (
        ["--url", "localhost"],
        "--url BASE must look like http://127.0.0.1:8001/flags, not 'localhost'"
      ),
    ])
  func usageErrors(arguments: [String], message: String) throws {
    let result = try FlagsCLI.run(["flags2", "threadpool"] + arguments)
    #expect(result.status == 2)
    #expect(result.output == "")
    #expect(result.errors == "*** Usage error: \(message)\n" + usage("threadpool"))
  }

  @Test("a missing or unknown style is a usage error naming the styles")
  func styleErrors() throws {
    let missing = try FlagsCLI.run(["flags2"])
    #expect(missing.status == 2)
    #expect(
      missing.errors
        == "*** Usage error: choose a download style: sequential, threadpool or async\n"
        + usage("{sequential,threadpool,async}"))
    let unknown = try FlagsCLI.run(["flags2", "threads", "-e"])
    #expect(unknown.status == 2)
    #expect(
      unknown.errors.hasPrefix(
        "*** Usage error: unknown style 'threads': "
          + "choose sequential, threadpool or async\n"))
  }

  @Test("--help prints the book's help with the style's default, and exits 0")
  func help() throws {
    let result = try FlagsCLI.run(["flags2", "async", "-h"])
    #expect(result.status == 0)
    #expect(result.errors == "")
    #expect(result.output.hasPrefix(usage("async")))
    #expect(
      result.output.contains(
        "Download flags for country codes. Default: top 20 countries by population."))
    #expect(result.output.contains("maximum concurrent requests (default=5)"))
    let general = try FlagsCLI.run(["flags2", "--help"])
    #expect(general.status == 0)
    #expect(general.output.contains("download styles:"))
  }

  @Test("-s ERROR -e in virtual time with seed 1: the exact report, the final bar on stderr")
  func virtualError() throws {
    let dest = NSTemporaryDirectory() + "flags2-cli-" + UUID().uuidString
    defer { try? FileManager.default.removeItem(atPath: dest) }
    let result = try FlagsCLI.run(
      ["flags2", "threadpool", "-s", "ERROR", "-e", "--virtual", "--seed", "1", "--dest", dest])
    #expect(result.status == 0)
    #expect(
      result.output == """
        ERROR site: http://127.0.0.1:8003/flags
        Searching for 676 flags: from AA to ZZ
        30 concurrent connections will be used.
        --------------------
        141 flags downloaded.
        366 not found.
        169 errors.
        Elapsed time: 33.35s

        """)
    #expect(result.errors == "100%|██████████| 676/676 [00:33<00:00, 20.27it/s]\n")
    let saved = try FileManager.default.contentsOfDirectory(atPath: dest)
    #expect(saved.count == 141)
  }

  @Test("a live run starts its own LOCAL server when none listens, and downloads for real")
  func live() throws {
    let dest = NSTemporaryDirectory() + "flags2-cli-" + UUID().uuidString
    defer { try? FileManager.default.removeItem(atPath: dest) }
    let result = try FlagsCLI.run(["flags2", "async", "-v", "cn", "xx", "br", "--dest", dest])
    #expect(result.status == 0)
    let lines = result.output.split(separator: "\n").map(String.init)
    #expect(lines.first?.hasPrefix("LOCAL site: http://127.0.0.1:") == true)
    #expect(
      lines[1...2] == [
        "Searching for 3 flags: BR, CN, XX", "3 concurrent connections will be used.",
      ])
    #expect(Set(lines[3...5]) == ["BR OK", "CN OK", "XX not found"])
    #expect(lines[6...8] == ["--------------------", "2 flags downloaded.", "1 not found."])
    #expect(lines.last?.hasPrefix("Elapsed time: ") == true)
    #expect(
      try FileManager.default.contentsOfDirectory(atPath: dest).sorted() == ["br.gif", "cn.gif"])
  }

  @Test("--url in any case of http:// is used as given, and the header names it as --url's")
  func customURL() throws {
    let port = ServeCLITests().freePort()
    let server = try ServeProcess(["--profile", "delay", "--delay", "0", "--port", "\(port)"])
    defer { _ = server.interrupt() }
    _ = server.nextLine()
    let dest = NSTemporaryDirectory() + "flags2-cli-" + UUID().uuidString
    defer { try? FileManager.default.removeItem(atPath: dest) }
    let result = try FlagsCLI.run(
      [
        "flags2", "sequential", "cn", "br", "--url", "HTTP://127.0.0.1:\(port)/flags/", "--dest",
        dest,
      ])
    #expect(result.status == 0)
    let lines = result.output.split(separator: "\n").map(String.init)
    #expect(lines.first == "Site from --url: http://127.0.0.1:\(port)/flags")
    #expect(lines.contains("2 flags downloaded."))
    #expect(result.errors.isEmpty || result.errors.hasPrefix("100%"))
  }

  @Test("a started server is named in one line of under 80 columns, with the right article")
  func startedNote() throws {
    let dest = NSTemporaryDirectory() + "flags2-cli-" + UUID().uuidString
    defer { try? FileManager.default.removeItem(atPath: dest) }
    let result = try FlagsCLI.run(["flags2", "sequential", "-s", "ERROR", "cn", "--dest", dest])
    #expect(result.status == 0)
    guard !ServeCLITests().waitForListener(port: 8003, seconds: 0) else {
      // Something already serves the book's ERROR port: then it is used, and no note is due.
      #expect(result.output.hasPrefix("ERROR site: http://127.0.0.1:8003/flags\n"))
      return
    }
    let note = try #require(result.errors.split(separator: "\n").first)
    #expect(note.hasPrefix("Nothing on port 8003: started an ERROR server at http://127.0.0.1:"))
    #expect(note.count <= 80)
  }

  @Test("a live run whose output pipe is closed ends quietly by SIGPIPE, not a crash")
  func closedOutput() throws {
    // `lessons flags2 ... | head -1` must end the way command-line tools do. The run starts
    // a flag server in its process first, and that server once set SIGPIPE to SIG_IGN for
    // the whole process, which turned the next print into a fatal error and a crash report.
    let dest = NSTemporaryDirectory() + "flags2-cli-" + UUID().uuidString
    defer { try? FileManager.default.removeItem(atPath: dest) }
    let process = Process()
    process.executableURL = try FlagsCLI.executable()
    process.arguments = ["flags2", "sequential", "-v", "cn", "br", "--dest", dest]
    let output = Pipe()
    let errors = Pipe()
    process.standardOutput = output
    process.standardError = errors
    process.standardInput = FileHandle.nullDevice
    // Nobody will ever read: the first write to standard output meets a closed pipe.
    try output.fileHandleForReading.close()
    let exited = DispatchSemaphore(value: 0)
    process.terminationHandler = { _ in exited.signal() }
    try process.run()
    let errorText = FlagsCLI.Collected(errors.fileHandleForReading)
    #expect(exited.wait(timeout: .now() + 60) == .success)
    #expect(process.terminationReason == .uncaughtSignal)
    #expect(process.terminationStatus == SIGPIPE)
    #expect(!errorText.text().contains("Fatal error"))
  }

  @Test("REMOTE live really tries the book's site and counts connection errors")
  func remote() throws {
    let dest = NSTemporaryDirectory() + "flags2-cli-" + UUID().uuidString
    defer { try? FileManager.default.removeItem(atPath: dest) }
    let result = try FlagsCLI.run(
      ["flags2", "sequential", "-s", "remote", "-l", "2", "--dest", dest, "--timeout", "2"])
    #expect(result.status == 0)
    #expect(result.output.hasPrefix("REMOTE site: http://flupy.org/data/flags\n"))
    #expect(result.output.contains("0 flags downloaded.\n2 errors.\n"))
  }

  @Test("an unwritable destination is one error line and exit status 1, before any download")
  func unwritable() throws {
    let file = NSTemporaryDirectory() + "flags2-cli-" + UUID().uuidString
    _ = FileManager.default.createFile(atPath: file, contents: Data())
    defer { try? FileManager.default.removeItem(atPath: file) }
    let result = try FlagsCLI.run(["flags2", "sequential", "--virtual", "--dest", file + "/x"])
    #expect(result.status == 1)
    #expect(result.output == "")
    #expect(result.errors == "error: cannot save flags in '\(file)/x': Not a directory\n")
  }
}

/// Runs the built `lessons` executable, found next to the test bundle.
enum FlagsCLI {
  struct Result {
    var status: Int32
    var output: String
    var errors: String
  }

  struct NotFound: Error, CustomStringConvertible {
    var description: String { "the lessons executable was not found next to the tests" }
  }

  /// The `lessons` executable of this build, or `LESSONS_EXECUTABLE` when set (to run the
  /// end-to-end tests against another build, such as the one before a fix).
  static func executable() throws -> URL {
    if let path = ProcessInfo.processInfo.environment["LESSONS_EXECUTABLE"] {
      return URL(fileURLWithPath: path)
    }
    let candidates = [
      Bundle.main.bundleURL, Bundle.main.bundleURL.deletingLastPathComponent(),
      URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent(),
    ]
    for folder in candidates {
      let url = folder.appendingPathComponent("lessons")
      if FileManager.default.isExecutableFile(atPath: url.path) { return url }
    }
    throw NotFound()
  }

  /// Runs `lessons arguments` to completion and collects its output.
  static func run(_ arguments: [String]) throws -> Result {
    let process = Process()
    process.executableURL = try executable()
    process.arguments = arguments
    let output = Pipe()
    let errors = Pipe()
    process.standardOutput = output
    process.standardError = errors
    process.standardInput = FileHandle.nullDevice
    let exited = DispatchSemaphore(value: 0)
    process.terminationHandler = { _ in exited.signal() }
    try process.run()
    let outputData = Collected(output.fileHandleForReading)
    let errorData = Collected(errors.fileHandleForReading)
    exited.wait()
    return Result(
      status: process.terminationStatus, output: outputData.text(), errors: errorData.text())
  }

  /// Everything a pipe delivers, read on another thread so neither pipe can fill up.
  final class Collected: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var data = Data()

    init(_ handle: FileHandle) {
      Thread.detachNewThread { [self] in
        data = handle.readDataToEndOfFile()
        done.signal()
      }
    }

    func text() -> String {
      done.wait()
      return String(decoding: data, as: UTF8.self)
    }
  }
}
