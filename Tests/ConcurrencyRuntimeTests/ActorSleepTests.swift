import ConcurrencyRuntime
import Testing

/// An actor whose timers are `Task {}`s isolated to it, as an expiring cache's are.
private actor Timers {
  private(set) var fired: [String] = []

  /// Starts a timer of `seconds` named `name` and waits for it.
  func fire(_ name: String, after seconds: Int) async {
    let timer = Task {
      try await Task.sleep(for: .seconds(seconds))
      fired.append(name)
      Runtime.current.console.display("\(name) fired")
    }
    _ = await timer.result
  }

  func touch() {}
}

@Suite("Sleeps of tasks with no preferred executor, on an actor")
struct ActorSleepTests {
  @Test("a Task {} isolated to an actor sleeps on the virtual clock")
  func isolatedTimer() {
    let run = AsyncRun { await Timers().fire("expiry", after: 2) }
    #expect(run.error == nil, "\(run.error.map { "\($0)" } ?? "")")
    #expect(run.text == "[09:00:02] expiry fired\n")
  }

  @Test("a Task {} that sleeps after using an actor sleeps on the virtual clock")
  func afterAnActor() {
    let run = AsyncRun {
      let timers = Timers()
      let task = Task {
        await timers.touch()
        try await Task.sleep(for: .seconds(1))
        Runtime.current.console.display("after the actor")
      }
      _ = await task.result
    }
    #expect(run.error == nil, "\(run.error.map { "\($0)" } ?? "")")
    #expect(run.text == "[09:00:01] after the actor\n")
  }

  @Test("two such timers due at one instant fire in an order the seed chooses")
  func tiedTimers() {
    let orders = Set(
      (UInt64(0)..<40).map { seed in
        AsyncRun(seed: seed) {
          let timers = Timers()
          async let a: Void = timers.fire("a", after: 1)
          async let b: Void = timers.fire("b", after: 1)
          _ = await (a, b)
        }.text
      })
    #expect(orders.count == 2, "\(orders)")
  }
}
