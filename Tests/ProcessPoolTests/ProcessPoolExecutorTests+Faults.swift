import ConcurrencyRuntime
import Foundation
import Futures
import Testing
import WorkerFixtures

#if canImport(Glibc)
  import Glibc
#endif

/// Faults from outside the pool, in the serialized suite: the processes started here are
/// test workers, which no other test's check of the process table must see.
extension ProcessPoolExecutorTests {
  @Test("a worker killed from outside in the middle of a job breaks the pool, and is reaped")
  func workerKilledMidJob() throws {
    let messages = try Mode.live.run { rt -> [String] in
      try withProcessPoolExecutor(
        maxWorkers: 2, registry: WorkerFixtures.registry, command: workerCommand, runtime: rt
      ) { executor in
        let futures = try (0..<2).map { _ in try executor.submit(WorkerFixtures.hold, 600) }
        var waited = 0
        while executor.workerProcesses.count < 2 && waited < 1000 {
          usleep(10_000)
          waited += 1
        }
        usleep(200_000)  // the jobs reach the workers and start holding
        let victim = try #require(executor.workerProcesses.first)
        #expect(Glibc.kill(victim.pid, SIGKILL) == 0)
        return futures.map { future in (try? future.exception()).map { "\($0)" } ?? "none" }
      }
    }
    #expect(messages.allSatisfy { $0.hasPrefix("BrokenProcessPool: ") }, "\(messages)")
    #expect(
      messages.contains { $0.hasSuffix(") was killed by signal 9 (SIGKILL)") }, "\(messages)")
  }

  @Test("Ctrl-C during a pool run: every job accounted for once, status 130, no worker left")
  func interruptedRun() throws {
    let parent = Process()
    parent.executableURL = URL(fileURLWithPath: workerCommand.executable)
    parent.arguments = ["interruptible"]
    let output = Pipe()
    parent.standardOutput = output
    parent.standardError = FileHandle.nullDevice
    let ended = DispatchSemaphore(value: 0)
    parent.terminationHandler = { _ in ended.signal() }
    try parent.run()
    var text = ""
    while text.split(separator: "\n").count < 3 {
      let data = output.fileHandleForReading.availableData
      if data.isEmpty { break }
      text += String(decoding: data, as: UTF8.self)
    }
    let lines = text.split(separator: "\n")
    #expect(lines.first == "ready")
    let workers = lines.dropFirst().compactMap { Int32($0) }
    #expect(workers.count == 2)
    #expect(workers.allSatisfy { !ProcessTable.hasEnded($0) }, "the workers run")

    kill(parent.processIdentifier, SIGINT)
    #expect(ended.wait(timeout: .now() + 60) == .success, "it stops after Ctrl-C")
    text += String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    #expect(parent.terminationReason == .exit)
    #expect(parent.terminationStatus == 130)
    let summary = try #require(text.split(separator: "\n").last.map(String.init))
    let counts = summary.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
    #expect(summary.hasPrefix("interrupted (Ctrl-C): 2 done, "), "\(summary)")
    #expect(counts.count == 4 && counts[0] + counts[1] + counts[2] == counts[3], "\(summary)")
    #expect(counts.last == 6)
    // The parent reaped its workers before it exited: they are gone, not even zombies.
    for worker in workers {
      #expect(ProcessTable.entry(worker) == nil, "worker \(worker) outlived the run")
    }
  }
}
