import ConcurrencyRuntime
import Foundation
import Testing

@Suite("Live runtime")
struct LiveRuntimeTests {
  @Test("spawned threads run on OS threads under their names and can be joined")
  func spawnJoin() throws {
    let rt = Runtime.live()
    let names = try rt.run { () -> [String] in
      let boxes = (0..<3).map { _ in NameBox() }
      let threads = boxes.enumerated().map { n, box in
        rt.spawn(name: "live-\(n)") { box.name = rt.currentThreadName }
      }
      for thread in threads { thread.join() }
      return boxes.map(\.name)
    }
    #expect(names == ["live-0", "live-1", "live-2"])
  }

  @Test("a condition wait with a time-out returns false when nobody notifies")
  func conditionTimeout() throws {
    let rt = Runtime.live(speed: 100)
    let notified = try rt.run { () -> Bool in
      let condition = rt.makeCondition()
      return condition.withLock { condition.wait(timeout: .seconds(1)) }
    }
    #expect(notified == false)
  }

  @Test("at a higher speed the clock runs faster than real time")
  func speed() throws {
    let rt = Runtime.live(speed: 50)
    let start = Date()
    rt.sleep(for: .seconds(5))
    let real = Date().timeIntervalSince(start)
    #expect(rt.now >= .seconds(5))
    #expect(real < 4)
  }

  @Test("async work runs on one executor and sees the runtime")
  func asyncRun() throws {
    let rt = Runtime.live(speed: 100)
    let value = try rt.run {
      try rt.runAsync { () -> String in
        try await rt.clock.sleep(for: .seconds(1))
        return Runtime.current === rt ? "same" : "other"
      }
    }
    #expect(value == "same")
  }
}

@Suite("Live runtime speeds")
struct LiveSpeedTests {
  @Test("at the slowest speed a time-out of centuries waits, instead of trapping, until notified")
  func slowestSpeedHugeTimeout() throws {
    let rt = Runtime.live(speed: Runtime.speeds.lowerBound)
    let woken = try rt.run { () -> Bool in
      let condition = rt.makeCondition()
      let flag = FlagBox()
      let waiter = rt.spawn(name: "waiter") {
        condition.lock()
        while !flag.value {
          _ = condition.wait(timeout: .seconds(Int64.max / 2))
        }
        condition.unlock()
      }
      condition.lock()
      flag.value = true
      condition.notifyAll()
      condition.unlock()
      waiter.join()
      return flag.value
    }
    #expect(woken)
  }

  @Test("at the fastest speed a sleep of a lesson second takes a real millisecond")
  func fastestSpeed() throws {
    let rt = Runtime.live(speed: Runtime.speeds.upperBound)
    let slept = try rt.run { () -> Duration in
      let start = rt.now
      rt.sleep(for: .seconds(1))
      return rt.now - start
    }
    #expect(slept >= .seconds(1))
  }
}

private final class FlagBox: @unchecked Sendable {
  var value = false
}
