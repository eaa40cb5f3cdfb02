import ConcurrencyRuntime
import Foundation
import Testing

/// `Runtime.cpuTime`: the virtual cores' busy time (exact), the process's CPU time live.
@Suite("CPU time")
struct CPUTimeTests {
  /// Elapsed and CPU time of `threads` threads each doing `body`, on `cpuCount` virtual cores.
  private func measure(
    threads: Int, cpuCount: Int, _ body: @escaping @Sendable (Runtime) -> Void
  ) throws -> (elapsed: Duration, cpu: Duration) {
    let runtime = Runtime.virtual(cpuCount: cpuCount)
    return try runtime.run { () -> (elapsed: Duration, cpu: Duration) in
      let (t0, cpu0) = (runtime.now, runtime.cpuTime)
      let workers = (0..<threads).map { n in runtime.spawn(name: "t\(n)") { body(runtime) } }
      for worker in workers { worker.join() }
      return (runtime.now - t0, runtime.cpuTime - cpu0)
    }
  }

  @Test("virtual: four one-second computations use four seconds of CPU on four or two cores")
  func computing() throws {
    let four = try measure(threads: 4, cpuCount: 4) { $0.compute(for: .seconds(1)) }
    #expect(four.elapsed == .seconds(1))
    #expect(four.cpu == .seconds(4))
    let two = try measure(threads: 4, cpuCount: 2) { $0.compute(for: .seconds(1)) }
    #expect(two.elapsed == .seconds(2))
    #expect(two.cpu == .seconds(4))
  }

  @Test("virtual: threads that sleep use no CPU time")
  func sleeping() throws {
    let sleeping = try measure(threads: 4, cpuCount: 4) { $0.sleep(for: .seconds(1)) }
    #expect(sleeping.elapsed == .seconds(1))
    #expect(sleeping.cpu == .zero)
  }

  @Test("virtual: a reading taken during a computation counts the part already done")
  func underWay() throws {
    let runtime = Runtime.virtual()
    let reading = try runtime.run { () -> Duration in
      let worker = runtime.spawn(name: "worker") { runtime.compute(for: .seconds(1)) }
      runtime.sleep(for: .milliseconds(250))
      let reading = runtime.cpuTime
      worker.join()
      return reading
    }
    #expect(reading == .milliseconds(250))
    #expect(runtime.cpuTime == .seconds(1))
  }

  @Test("live: the process's CPU time grows while a thread computes")
  func live() throws {
    let runtime = Runtime.live()
    let (before, after) = try runtime.run { () -> (Duration, Duration) in
      let before = runtime.cpuTime
      runtime.compute(for: .milliseconds(30))
      return (before, runtime.cpuTime)
    }
    #expect(before > .zero)
    #expect(after > before)
  }
}
