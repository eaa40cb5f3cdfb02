import ConcurrencyRuntime
import Foundation
import Testing

/// Collects console output so tests can read what a program printed.
final class Transcript: @unchecked Sendable {
  private let lock = NSLock()
  private var pieces: [ConsoleOutput] = []
  var sink: @Sendable (ConsoleOutput) -> Void {
    { piece in self.lock.withLock { self.pieces.append(piece) } }
  }
  var text: String { lock.withLock { pieces.map(\.text).joined() } }
  var lines: [String] { text.split(separator: "\n").map(String.init) }
}

@Suite("Virtual runtime")
struct VirtualRuntimeTests {
  @Test("sleeping threads wake in deadline order and time jumps to each deadline")
  func sleepOrder() throws {
    let out = Transcript()
    let rt = Runtime.virtual(output: out.sink)
    try rt.run {
      let slow = rt.spawn(name: "slow") {
        rt.sleep(for: .seconds(3))
        rt.console.display("slow done")
      }
      let fast = rt.spawn(name: "fast") {
        rt.sleep(for: .seconds(1))
        rt.console.display("fast done")
      }
      rt.console.display("main waits")
      slow.join()
      fast.join()
      rt.console.display("main done")
    }
    #expect(
      out.lines == [
        "[09:00:00] main waits", "[09:00:01] fast done", "[09:00:03] slow done",
        "[09:00:03] main done",
      ])
    #expect(rt.now == .seconds(3))
  }

  @Test("a spawned thread runs at once and its parent resumes when it blocks")
  func childRunsFirst() throws {
    let out = Transcript()
    let rt = Runtime.virtual(output: out.sink)
    try rt.run {
      rt.console.write("a ")
      let child = rt.spawn(name: "child") {
        rt.console.write("b ")
        rt.sleep(for: .seconds(1))
        rt.console.write("d ")
      }
      rt.console.write("c ")
      child.join()
    }
    #expect(out.text == "a b c d ")
  }

  @Test("thread names are visible inside each thread")
  func names() throws {
    let rt = Runtime.virtual()
    let name = try rt.run { () -> String in
      let box = NameBox()
      rt.spawn(name: "worker-7") { box.name = rt.currentThreadName }.join()
      return rt.currentThreadName + "/" + box.name
    }
    #expect(name == "MainThread/worker-7")
  }

  @Test("a condition wait times out at its deadline, a notify wakes it early")
  func conditionTimeout() throws {
    let rt = Runtime.virtual()
    let result = try rt.run { () -> [String] in
      let condition = rt.makeCondition()
      var log: [String] = []
      condition.lock()
      let first = condition.wait(timeout: .seconds(2))
      log.append("\(first) at \(rt.now)")
      let notifier = rt.spawn(name: "notifier") {
        rt.sleep(for: .seconds(1))
        condition.withLock { condition.notify() }
      }
      let second = condition.wait(timeout: .seconds(5))
      log.append("\(second) at \(rt.now)")
      condition.unlock()
      notifier.join()
      return log
    }
    #expect(result == ["false at 2.0 seconds", "true at 3.0 seconds"])
  }

  @Test("a contended lock blocks until its holder releases it")
  func lockContention() throws {
    let out = Transcript()
    let rt = Runtime.virtual(output: out.sink)
    try rt.run {
      let lock = rt.makeLock()
      lock.lock()
      let other = rt.spawn(name: "other") {
        lock.withLock { rt.console.write("other has it at \(rt.now)\n") }
      }
      rt.sleep(for: .seconds(2))
      rt.console.write("main releases\n")
      lock.unlock()
      other.join()
    }
    #expect(out.lines == ["main releases", "other has it at 2.0 seconds"])
  }

  @Test("a deadlock is reported with the blocked threads' names instead of hanging")
  func deadlock() throws {
    let rt = Runtime.virtual()
    #expect {
      try rt.run {
        let condition = rt.makeCondition(label: "never")
        let waiter = rt.spawn(name: "waiter") { condition.withLock { condition.wait() } }
        waiter.join()
      }
    } throws: { error in
      guard case RuntimeError.deadlock(let blocked) = error else { return false }
      return blocked == [
        "MainThread (waiting for waiter to finish)", "waiter (waiting on never)",
      ]
    }
  }

  @Test("the same seed gives the same interleaving; seeds differ from one another")
  func seeds() throws {
    func program(seed: UInt64?) throws -> String {
      let out = Transcript()
      let rt = Runtime.virtual(seed: seed, output: out.sink)
      try rt.run {
        let threads = (0..<4).map { n in
          rt.spawn(name: "t\(n)") {
            for step in 0..<3 { rt.console.write("\(n)\(step) ") }
          }
        }
        for thread in threads { thread.join() }
      }
      return out.text
    }
    let canonical = try program(seed: nil)
    #expect(canonical == "00 01 02 10 11 12 20 21 22 30 31 32 ")
    #expect(try program(seed: 7) == program(seed: 7))
    let variants = Set(try (0..<20).map { try program(seed: UInt64($0)) })
    #expect(variants.count > 10)
    for variant in variants {
      let parts = variant.split(separator: " ")
      #expect(parts.count == 12)
      for n in 0..<4 {
        let own = parts.filter { $0.hasPrefix("\(n)") }
        #expect(own == ["\(n)0", "\(n)1", "\(n)2"])
      }
    }
  }

  @Test("addresses are deterministic in virtual time")
  func addresses() throws {
    func addresses() -> [String] {
      let rt = Runtime.virtual()
      return (0..<3).map { _ in rt.address(of: NameBox()) }
    }
    #expect(addresses() == addresses())
    #expect(Set(addresses()).count == 3)
    #expect(addresses()[0].hasPrefix("0x7f"))
  }

  @Test("async tasks sleep on the virtual clock, on the same timeline as threads")
  func asyncTasks() throws {
    let out = Transcript()
    let rt = Runtime.virtual(output: out.sink)
    let total = try rt.run { () -> Int in
      rt.console.display("before")
      let sum = try rt.runAsync { () -> Int in
        await withTaskGroup(of: Int.self) { group in
          for n in [3, 1, 2] {
            group.addTask {
              try? await rt.clock.sleep(for: .seconds(n))
              rt.console.display("slept \(n)")
              return n
            }
          }
          var sum = 0
          for await n in group { sum += n }
          return sum
        }
      }
      rt.console.display("after")
      return sum
    }
    #expect(total == 6)
    #expect(
      out.lines == [
        "[09:00:00] before", "[09:00:01] slept 1", "[09:00:02] slept 2", "[09:00:03] slept 3",
        "[09:00:03] after",
      ])
  }

  @Test("cancelling a sleeping task does not move the clock to its deadline")
  func cancelledSleep() throws {
    let rt = Runtime.virtual()
    let elapsed = try rt.run { () -> Duration in
      try rt.runAsync {
        await withTaskGroup(of: Void.self) { group in
          group.addTask { try? await rt.clock.sleep(for: .seconds(100)) }
          group.addTask { try? await rt.clock.sleep(for: .seconds(1)) }
          await group.next()
          group.cancelAll()
        }
      }
      return rt.now
    }
    #expect(elapsed == .seconds(1))
  }

}

final class NameBox: @unchecked Sendable {
  var name = ""
}
