import ConcurrencyRuntime
import Foundation
import Testing

@testable import Lessons

/// The simulated GIL in virtual time (exact figures: the model's) and live (gross bounds
/// only): who computes when, read from the trace's spans.
@Suite("SimulatedGIL")
struct SimulatedGILTests {
  /// Runs `body` on `count` threads named `T0`, `T1`, … of a virtual runtime, each given the
  /// same GIL, and returns the runtime's events and how long the threads took.
  private func threads(
    _ count: Int, seed: UInt64? = nil, _ body: @escaping @Sendable (SimulatedGIL) -> Void
  ) throws -> (events: [TraceEvent], took: Duration) {
    let runtime = Runtime.virtual(seed: seed)
    let took = try runtime.run { () -> Duration in
      let gil = SimulatedGIL()
      let workers = (0..<count).map { n in runtime.spawn(name: "T\(n)") { body(gil) } }
      for worker in workers { worker.join() }
      return runtime.now
    }
    return (runtime.trace.events, took)
  }

  @Test("with the GIL, the CPU slices of four threads never overlap, and they take turns")
  func slicesNeverOverlap() throws {
    let (events, took) = try threads(4) { gil in
      gil.compute(for: .milliseconds(100))
    }
    let slices = CPUSlices(events, executor: SimulatedGIL.executor)
    #expect(slices.mostAtOnce == 1)
    #expect(Set(slices.holders) == ["T0", "T1", "T2", "T3"])
    // First come, first served: the turns go round the threads in order.
    #expect(Array(slices.holders.prefix(8)) == ["T0", "T1", "T2", "T3", "T0", "T1", "T2", "T3"])
    // 400 ms of work in 5 ms slices, handed over every slice while others wait.
    #expect(slices.switches >= 70)
    #expect(took == .milliseconds(400))
    for lane in ["T0", "T1", "T2", "T3"] {
      #expect(
        slices.busy[lane] == .milliseconds(100), "\(lane) held the GIL as long as it computed")
    }
  }

  @Test("without the GIL, the same work of four threads runs at once on four virtual cores")
  func withoutTheGILSlicesOverlap() throws {
    let (events, took) = try threads(4) { _ in compute(for: .milliseconds(100)) }
    let slices = CPUSlices(events, executor: CPUSlices.executor)
    #expect(slices.mostAtOnce == 4)
    #expect(took == .milliseconds(100))
    #expect(CPUSlices(events, executor: SimulatedGIL.executor).holders.isEmpty)
  }

  @Test("with the GIL, N threads take N times as long as one, for N from 1 to 4")
  func timeGrowsWithThreads() throws {
    for n in 1...4 {
      let (_, took) = try threads(n) { gil in
        gil.compute(for: .milliseconds(50))
      }
      #expect(took == .milliseconds(50) * n, "\(n) threads")
    }
  }

  @Test("for 50 seeds the GIL's slices never overlap and the total time stays the same")
  func seeds() throws {
    for seed in UInt64(0)..<50 {
      let (events, took) = try threads(3, seed: seed) { gil in
        gil.compute(for: .milliseconds(30))
      }
      let slices = CPUSlices(events, executor: SimulatedGIL.executor)
      #expect(slices.mostAtOnce == 1, "seed \(seed)")
      #expect(took == .milliseconds(90), "seed \(seed)")
    }
  }

  @Test("a thread that blocks inside blocking {} lets another compute meanwhile")
  func blockingReleases() throws {
    let runtime = Runtime.virtual()
    let finished = try runtime.run { () -> [String: Duration] in
      let gil = SimulatedGIL()
      let times = TimesBox()
      let sleeper = runtime.spawn(name: "sleeper") {
        gil.run { _ in gil.blocking { runtime.sleep(for: .seconds(1)) } }
        times.set("sleeper", runtime.now)
      }
      let worker = runtime.spawn(name: "worker") {
        gil.compute(for: .milliseconds(500))
        times.set("worker", runtime.now)
      }
      sleeper.join()
      worker.join()
      return times.all
    }
    #expect(finished["worker"] == .milliseconds(500))
    #expect(finished["sleeper"] == .seconds(1))
  }

  @Test("a thread that sleeps holding the GIL, outside blocking {}, makes the others wait")
  func sleepingHolderBlocksOthers() throws {
    let runtime = Runtime.virtual()
    let finished = try runtime.run { () -> [String: Duration] in
      let gil = SimulatedGIL()
      let times = TimesBox()
      let sleeper = runtime.spawn(name: "sleeper") {
        gil.run { _ in runtime.sleep(for: .seconds(1)) }
        times.set("sleeper", runtime.now)
      }
      let worker = runtime.spawn(name: "worker") {
        gil.compute(for: .milliseconds(500))
        times.set("worker", runtime.now)
      }
      sleeper.join()
      worker.join()
      return times.all
    }
    #expect(finished["worker"] == .milliseconds(1500))
  }

  @Test("waiting for a thread that needs the GIL while holding it is a deadlock, reported")
  func holderWaitsForWaiter() throws {
    let runtime = Runtime.virtual()
    #expect(throws: RuntimeError.self) {
      try runtime.run {
        let gil = SimulatedGIL()
        gil.run { _ in
          let other = runtime.spawn(name: "other") { gil.compute(for: .milliseconds(1)) }
          other.join()
        }
      }
    }
    // The same wait inside blocking {} lets the other thread through.
    let fine = Runtime.virtual()
    let took = try fine.run { () -> Duration in
      let gil = SimulatedGIL()
      gil.run { _ in
        let other = fine.spawn(name: "other") { gil.compute(for: .milliseconds(1)) }
        gil.blocking { other.join() }
      }
      return fine.now
    }
    #expect(took == .milliseconds(1))
  }

  @Test("run hands the GIL over at a switch point once it has held it a switch interval")
  func switchPoints() throws {
    let runtime = Runtime.virtual()
    let (took, switches) = try runtime.run { () -> (Duration, Int) in
      let gil = SimulatedGIL(switchInterval: .milliseconds(5))
      let workers = (0..<2).map { n in
        runtime.spawn(name: "T\(n)") {
          gil.run { switchPoint in
            // A switch point between steps, none after the last.
            for step in 0..<10 {
              if step > 0 { switchPoint() }
              runtime.compute(for: .milliseconds(1))
            }
          }
        }
      }
      for worker in workers { worker.join() }
      return (runtime.now, gil.switches)
    }
    #expect(took == .milliseconds(20))
    // Forced at +5 ms (T0 to T1) and +10 ms (T1 to T0); at +15 ms T0 is done and lets go.
    #expect(switches == 2)
    let slices = CPUSlices(runtime.trace.events, executor: SimulatedGIL.executor)
    #expect(slices.holders == ["T0", "T1", "T0", "T1"])
    #expect(slices.mostAtOnce == 1)
  }

  @Test("a thread that holds the GIL may compute and run again without waiting for itself")
  func reentrant() throws {
    let runtime = Runtime.virtual()
    let held = try runtime.run { () -> [Bool] in
      let gil = SimulatedGIL()
      return gil.run { _ in
        gil.compute(for: .milliseconds(20))
        let inner = gil.run { _ in gil.isHeld }
        let whileBlocked = gil.blocking { gil.isHeld }
        return [inner, whileBlocked, gil.isHeld]
      } + [gil.isHeld]
    }
    #expect(held == [true, false, true, false])
  }

  @Test("live, two threads under the GIL never hold it at once and both finish their work")
  func live() throws {
    let runtime = Runtime.live()
    let (took, switches) = try runtime.run { () -> (Duration, Int) in
      let gil = SimulatedGIL(switchInterval: .milliseconds(2))
      let start = runtime.now
      let workers = (0..<2).map { n in
        runtime.spawn(name: "T\(n)") { gil.compute(for: .milliseconds(20)) }
      }
      for worker in workers { worker.join() }
      return (runtime.now - start, gil.switches)
    }
    let slices = CPUSlices(runtime.trace.events, executor: SimulatedGIL.executor)
    #expect(slices.mostAtOnce == 1)
    #expect(Set(slices.holders) == ["T0", "T1"])
    #expect(switches >= 1)
    // One core's work at a time: never faster than the two computations one after another.
    #expect(took >= .milliseconds(40))
    for lane in ["T0", "T1"] {
      #expect((slices.busy[lane] ?? .zero) >= .milliseconds(20), "\(lane) held it while computing")
    }
  }
}

/// When each thread finished, written from simulated threads.
private final class TimesBox: @unchecked Sendable {
  private let lock = NSLock()
  private var times: [String: Duration] = [:]
  func set(_ name: String, _ time: Duration) { lock.withLock { times[name] = time } }
  var all: [String: Duration] { lock.withLock { times } }
}
