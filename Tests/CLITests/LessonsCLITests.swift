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
    let stdout = out.fileHandleForReading.readDataToEndOfFile()
    let stderr = err.fileHandleForReading.readDataToEndOfFile()
    finished.wait()
    return Outcome(
      status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
      stderr: String(decoding: stderr, as: UTF8.self))
  }

  static let transcripts = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("transcripts")
}

@Suite("lessons command")
struct LessonsCLITests {
  @Test("with no arguments it lists the sections with their titles")
  func listing() throws {
    let outcome = try CLI.run([])
    #expect(outcome.status == 0)
    #expect(outcome.stdout.contains("  17.4  Experimenting with Executor.map\n"))
    #expect(outcome.stderr.isEmpty)
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

  @Test(
    "bad input gets one clear line on stderr and exit status 2",
    arguments: [
      (["9.9"], "lessons: unknown section '9.9': choose one of 17.4, or all"),
      (
        ["17.4", "--speed", "0"],
        "lessons: --speed must be a number greater than 0 (such as 2 or 0.5), not '0'"
      ),
      (
        ["17.4", "--speed", "-3"],
        "lessons: --speed must be a number greater than 0 (such as 2 or 0.5), not '-3'"
      ),
      (
        ["17.4", "--seed", "abc"],
        "lessons: --seed must be a whole number from 0 to 18446744073709551615, not 'abc'"
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
