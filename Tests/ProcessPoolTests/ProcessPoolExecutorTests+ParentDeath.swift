import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// In the serialized suite: the parent it starts is a test worker, which no other test's check
/// of the process table must see.
extension ProcessPoolExecutorTests {
  @Test("no worker outlives a parent killed with SIGKILL, even in the middle of a job")
  func killedParent() throws {
    // `lessons-test-worker parent 2` starts two workers, each holding an hour-long job, and
    // prints their pids; then it is killed, with no chance to clean up.
    let parent = Process()
    parent.executableURL = URL(fileURLWithPath: workerCommand.executable)
    parent.arguments = ["parent", "2"]
    let output = Pipe()
    parent.standardOutput = output
    let ended = DispatchSemaphore(value: 0)
    parent.terminationHandler = { _ in ended.signal() }
    try parent.run()
    var text = ""
    while text.split(separator: "\n").count < 2 {
      let data = output.fileHandleForReading.availableData
      if data.isEmpty { break }
      text += String(decoding: data, as: UTF8.self)
    }
    let workers = text.split(separator: "\n").compactMap { Int32($0) }
    #expect(workers.count == 2)
    #expect(workers.allSatisfy { !ProcessTable.hasEnded($0) }, "the workers run")

    kill(parent.processIdentifier, SIGKILL)
    ended.wait()
    #expect(parent.terminationReason == .uncaughtSignal)

    // The workers see their input close and exit; they are no longer ours to reap, so watch
    // the process table until they are gone or zombies (with a generous guard against a hang,
    // which is not a timing claim: any end at all passes).
    for worker in workers {
      var checks = 0
      while !ProcessTable.hasEnded(worker) && checks < 6000 {
        usleep(10_000)
        checks += 1
      }
      #expect(ProcessTable.hasEnded(worker), "worker \(worker) outlived its parent")
    }
  }
}
