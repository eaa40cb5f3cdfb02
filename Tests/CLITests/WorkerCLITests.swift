import Foundation
import Testing

extension CLI {
  /// Runs `lessons ARGUMENTS` with `input` on its standard input.
  static func run(_ arguments: [String], input: [UInt8]) throws -> Outcome {
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    let stdin = Pipe()
    let out = Pipe()
    let err = Pipe()
    process.standardInput = stdin
    process.standardOutput = out
    process.standardError = err
    let finished = DispatchSemaphore(value: 0)
    process.terminationHandler = { _ in finished.signal() }
    try process.run()
    // The worker may stop reading at the first bad message: a write that finds the pipe
    // closed is not this test's concern.
    try? stdin.fileHandleForWriting.write(contentsOf: Data(input))
    try? stdin.fileHandleForWriting.close()
    let stdout = out.fileHandleForReading.readDataToEndOfFile()
    let stderr = err.fileHandleForReading.readDataToEndOfFile()
    finished.wait()
    return Outcome(
      status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
      stderr: String(decoding: stderr, as: UTF8.self))
  }
}

@Suite("lessons worker")
struct WorkerCLITests {
  @Test(
    "input that is not a pool's jobs is one line on standard error and status 1",
    arguments: [
      ("typed text", Array("hello, worker\n".utf8), "a message of "),
      ("a message cut short", [9, 0, 0, 0] + Array("job".utf8), "closed its end mid-message"),
      ("a whole message that is not a job", [5, 0, 0, 0] + Array("hello".utf8), "not a job"),
    ])
  func garbage(what: String, input: [UInt8], reason: String) throws {
    let outcome = try CLI.run(["worker"], input: input)
    #expect(outcome.status == 1, "\(what)")
    #expect(outcome.stdout.isEmpty, "\(what)")
    let lines = outcome.stderr.split(separator: "\n", omittingEmptySubsequences: false)
    #expect(lines.count == 2 && lines[1].isEmpty, "\(what): \(outcome.stderr)")
    #expect(outcome.stderr.hasPrefix("lessons worker: not a pool's jobs: "), "\(what)")
    #expect(outcome.stderr.contains(reason), "\(what): \(outcome.stderr)")
  }

  @Test("an empty input is a pool that sent nothing: the worker exits quietly with status 0")
  func emptyInput() throws {
    let outcome = try CLI.run(["worker"], input: [])
    #expect(outcome.status == 0)
    #expect(outcome.stdout.isEmpty)
    #expect(outcome.stderr.isEmpty)
  }

  @Test("'worker' is hidden from the help, takes no arguments, and has a help of its own")
  func hidden() throws {
    let help = try CLI.run(["--help"])
    #expect(help.status == 0)
    #expect(help.stdout.contains("commands:"))
    #expect(!help.stdout.contains("{serve,flags2,explore,worker}"))
    #expect(!help.stdout.contains("\n  worker "))
    let own = try CLI.run(["worker", "--help"])
    #expect(own.status == 0)
    #expect(own.stdout.hasPrefix("usage: lessons worker [-h]\n"))
    let extra = try CLI.run(["worker", "17.3"], input: [])
    #expect(extra.status == 2)
    #expect(extra.stderr == "lessons worker: unexpected argument '17.3'\n")
  }
}
