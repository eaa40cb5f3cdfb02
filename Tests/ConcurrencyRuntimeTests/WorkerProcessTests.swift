import ConcurrencyRuntime
import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

@Suite("Worker processes")
struct WorkerProcessTests {
  /// A worker that sends every message back: `cat` live, the same loop simulated.
  static let echo = WorkerProcessLaunch(name: "echo", executable: "cat", arguments: []) {
    channel in
    while let message = try? channel.receive() {
      guard (try? channel.send(message)) != nil else { return 1 }
    }
    return 0
  }

  @Test("messages go to a worker and come back framed, whole and in order")
  func echoLive() throws {
    try Runtime.live().run {
      let worker = try Runtime.current.startWorkerProcess(Self.echo)
      let messages: [[UInt8]] = [[], Array("hello".utf8), [UInt8](repeating: 7, count: 50_000)]
      // One at a time, each smaller than a pipe holds (64 KiB): `cat` answers as it reads,
      // and this thread does not read while it writes.
      for message in messages {
        try worker.send(message)
        #expect(try worker.receive() == message)
      }
      #expect(worker.exitStatus == nil)
      worker.closeInput()
      #expect(try worker.receive() == nil)
      #expect(worker.waitForExit() == .exited(0))
      #expect(throws: WorkerProcessError.inputClosed("echo")) { try worker.send([1]) }
    }
  }

  @Test("a simulated worker carries the same messages, with a stable pid")
  func echoVirtual() throws {
    let runtime = Runtime.virtual()
    let (pids, echoed, exit) = try runtime.run { () -> ([Int32], [UInt8]?, ProcessExit) in
      let worker = try runtime.startWorkerProcess(Self.echo)
      let other = try runtime.startWorkerProcess(Self.echo)
      try worker.send(Array("hello".utf8))
      let echoed = try worker.receive()
      worker.closeInput()
      other.kill(signal: SIGKILL)
      #expect(other.waitForExit() == .killed(SIGKILL))
      #expect(try other.receive() == nil)
      return ([worker.pid, other.pid], echoed, worker.waitForExit())
    }
    #expect(pids == [1000, 1001])
    #expect(echoed == Array("hello".utf8))
    #expect(exit == .exited(0))
  }

  @Test("how a live worker ended: its exit status, or the signal that killed it")
  func exits() throws {
    try Runtime.live().run {
      let runtime = Runtime.current
      let exiting = try runtime.startWorkerProcess(
        WorkerProcessLaunch(name: "sh", executable: "/bin/sh", arguments: ["-c", "exit 3"]) { _ in 3
        })
      #expect(try exiting.receive() == nil)
      #expect(exiting.waitForExit() == .exited(3))
      let sleeper = try runtime.startWorkerProcess(
        WorkerProcessLaunch(name: "sleep", executable: "sleep", arguments: ["600"]) { _ in 0 })
      let pid = sleeper.pid
      sleeper.kill(signal: SIGKILL)
      #expect(sleeper.waitForExit() == .killed(SIGKILL))
      #expect(sleeper.waitForExit().description == "was killed by signal 9 (SIGKILL)")
      // Reaped: no zombie is left in the process table.
      #expect(!FileManager.default.fileExists(atPath: "/proc/\(pid)"))
    }
  }

  @Test("an executable that cannot run is an error that says so")
  func cannotStart() throws {
    _ = try Runtime.live().run {
      #expect(
        throws: WorkerProcessError.cannotStart(
          "/nonexistent/worker", reason: "No such file or directory")
      ) {
        try Runtime.current.startWorkerProcess(
          WorkerProcessLaunch(name: "x", executable: "/nonexistent/worker", arguments: []) { _ in 0
          })
      }
    }
  }

  @Test("virtual CPU time: four one-second computations on two cores take two seconds")
  func virtualCores() throws {
    let runtime = Runtime.virtual(cpuCount: 2)
    let elapsed = try runtime.run { () -> Duration in
      let threads = (0..<4).map { n in
        runtime.spawn(name: "t\(n)") { runtime.compute(for: .seconds(1)) }
      }
      for thread in threads { thread.join() }
      return runtime.now
    }
    #expect(elapsed == .seconds(2))
  }
}
