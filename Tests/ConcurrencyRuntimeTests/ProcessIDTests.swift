import ConcurrencyRuntime
import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

@Suite("Process ids and CPU accounting")
struct ProcessIDTests {
  /// A simulated worker that answers every message with the process id it sees.
  static let whoAmI = WorkerProcessLaunch(name: "who", executable: "true", arguments: []) {
    channel in
    while (try? channel.receive()) != nil {
      let pid = Runtime.current.processID
      guard (try? channel.send(Array("\(pid)".utf8))) != nil else { return 1 }
    }
    return 0
  }

  @Test("in virtual time the program is pid 999 and each simulated worker sees its own pid")
  func virtualPIDs() throws {
    let runtime = Runtime.virtual()
    let (own, seen, pids) = try runtime.run { () -> (Int32, [String], [Int32]) in
      let workers = try (0..<2).map { _ in try runtime.startWorkerProcess(Self.whoAmI) }
      var seen: [String] = []
      for worker in workers {
        try worker.send([])
        seen.append(String(decoding: try worker.receive() ?? [], as: UTF8.self))
        worker.closeInput()
        _ = worker.waitForExit()
      }
      // A thread the program starts is still the program.
      let thread = runtime.spawn(name: "helper") {
        #expect(runtime.processID == 999)
      }
      thread.join()
      return (runtime.processID, seen, workers.map(\.pid))
    }
    #expect(own == 999)
    #expect(pids == [1000, 1001])
    #expect(seen == pids.map { "\($0)" })
  }

  @Test("live, the process id is the process's own")
  func livePID() throws {
    let pid = try Runtime.live().run { Runtime.current.processID }
    #expect(pid == getpid())
  }

  @Test("accountCPU holds a virtual core in virtual time, and does nothing live")
  func accountCPU() throws {
    let runtime = Runtime.virtual(cpuCount: 1)
    #expect(!runtime.capabilities.codeTakesTime)
    let took = try runtime.run { () -> Duration in
      let start = runtime.now
      let threads = (0..<2).map { n in
        runtime.spawn(name: "T\(n)") { runtime.accountCPU(for: .seconds(1)) }
      }
      for thread in threads { thread.join() }
      return runtime.now - start
    }
    #expect(took == .seconds(2), "two seconds of CPU on one virtual core")

    // Live, an hour of it returns at once: were it spent, this test would not finish.
    let live = Runtime.live()
    #expect(live.capabilities.codeTakesTime)
    try live.run { live.accountCPU(for: .seconds(3600)) }
  }
}
