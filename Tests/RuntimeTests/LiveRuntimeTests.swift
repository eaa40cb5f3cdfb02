import Foundation
import Runtime
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
