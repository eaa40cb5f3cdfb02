import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// A worker started by hand with garbage on its input: one clear line on standard error and
/// exit status 1 — not a silent exit 0, which looks like a clean end of work.
@Suite("a worker fed garbage")
struct WorkerHostInputTests {
  @Test(
    "garbage on a worker's input is one error line and exit status 1",
    arguments: [
      Array("garbage, not a job\n".utf8), [0xFF, 0xFF, 0xFF, 0xFF, 0x00],
      [0x00, 0x00, 0x00, 0x05, 0x01, 0x02, 0x03, 0x04, 0x05], [0x00, 0x00, 0x00, 0x09, 0x01],
    ] as [[UInt8]])
  func garbage(_ input: [UInt8]) throws {
    let run = try WorkerRun(input: input)
    #expect(run.status == 1, "stderr: \(run.errors)")
    #expect(run.reason == .exit)
    let lines = run.errors.split(separator: "\n")
    #expect(lines.count == 1, "\(lines)")
    #expect(lines.first?.hasPrefix("worker: ") == true)
    #expect(!run.errors.contains("Fatal error"))
  }

  @Test("an empty input is the end of work: exit status 0, nothing said")
  func emptyInput() throws {
    let run = try WorkerRun(input: [])
    #expect(run.status == 0 && run.reason == .exit)
    #expect(run.errors.isEmpty)
  }
}

/// `lessons-test-worker worker` with `input` as its whole standard input (a file, so the
/// input is all there, then ends).
private struct WorkerRun {
  var status: Int32
  var reason: Process.TerminationReason
  var errors: String

  init(input: [UInt8]) throws {
    let path = NSTemporaryDirectory() + "worker-input-" + UUID().uuidString
    defer { try? FileManager.default.removeItem(atPath: path) }
    guard FileManager.default.createFile(atPath: path, contents: Data(input)),
      let handle = FileHandle(forReadingAtPath: path)
    else { throw CocoaError(.fileWriteUnknown) }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: workerCommand.executable)
    process.arguments = ["worker"]
    process.standardInput = handle
    process.standardOutput = FileHandle.nullDevice
    let errors = Pipe()
    process.standardError = errors
    let ended = DispatchSemaphore(value: 0)
    process.terminationHandler = { _ in ended.signal() }
    try process.run()
    let text = errors.fileHandleForReading.readDataToEndOfFile()
    guard ended.wait(timeout: .now() + 60) == .success else {
      process.terminate()
      throw CocoaError(.executableLoad)
    }
    status = process.terminationStatus
    reason = process.terminationReason
    self.errors = String(decoding: text, as: UTF8.self)
  }
}
