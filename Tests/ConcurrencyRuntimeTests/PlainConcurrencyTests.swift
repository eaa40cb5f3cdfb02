import ConcurrencyRuntime
import Foundation
import Testing

private actor Tally {
  private(set) var count = 0
  func add() -> Int {
    count += 1
    return count
  }
}

private enum Request {
  @TaskLocal static var id = "none"
}

@Suite("Plain Swift concurrency in virtual time")
struct PlainConcurrencyTests {
  @Test("every form of plain sleep ends on the virtual clock")
  func sleeps() {
    let run = AsyncRun {
      try await Task.sleep(for: .seconds(2))
      say("for 2 s")
      try await Task.sleep(nanoseconds: 500_000_000)
      say("nanoseconds 0.5 s")
      try await Task.sleep(until: .now + .seconds(1), clock: ContinuousClock())
      say("until, continuous 1 s")
      try await Task.sleep(until: .now + .milliseconds(1500), clock: SuspendingClock())
      say("until, suspending 1.5 s")
      try await ContinuousClock().sleep(for: .milliseconds(250))
      try await ContinuousClock().sleep(for: .milliseconds(750))
      say("clock.sleep(for:) 0.25 s + 0.75 s")
    }
    #expect(run.error == nil)
    #expect(
      run.text == """
        [09:00:02] for 2 s
        [09:00:02] nanoseconds 0.5 s
        [09:00:03] until, continuous 1 s
        [09:00:05] until, suspending 1.5 s
        [09:00:06] clock.sleep(for:) 0.25 s + 0.75 s

        """)
  }

  @Test("a task group with plain sleeps finishes in virtual time, by deadline")
  func taskGroup() {
    let run = AsyncRun {
      await withTaskGroup(of: Int.self) { group in
        for child in 0..<20 {
          group.addTask {
            try? await Task.sleep(for: .seconds(Double(child % 4) + 1))
            return child
          }
        }
        var done: [Int] = []
        for await child in group { done.append(child) }
        say("done \(done.count), last \(done.last!)")
      }
    }
    #expect(run.error == nil)
    #expect(run.text == "[09:00:04] done 20, last 19\n")
  }

  @Test("seeds reorder async jobs and jobs due at the same instant; a schedule replays one")
  func seedsReorder() throws {
    @Sendable func body() async {
      await withTaskGroup(of: Void.self) { group in
        for child in 0..<5 {
          group.addTask {
            try? await Task.sleep(for: .seconds(1))
            say("child \(child)")
          }
        }
      }
    }
    let canonical = AsyncRun { await body() }
    #expect(
      canonical.text.split(separator: "\n").map { $0.dropFirst(11) }.joined(separator: " ")
        == "child 0 child 1 child 2 child 3 child 4")
    let runs = (0..<50).map { seed in AsyncRun(seed: UInt64(seed)) { await body() } }
    #expect(runs.allSatisfy { $0.error == nil })
    #expect(Set(runs.map(\.text)).count > 10)
    #expect(AsyncRun(seed: 7) { await body() }.text == runs[7].text)
    let replay = AsyncRun(schedule: try #require(runs[7].schedule)) { await body() }
    #expect(replay.error == nil)
    #expect(replay.text == runs[7].text)
  }

  @Test("async let, actors, task-local values, Task.yield and continuations")
  func structured() {
    let run = AsyncRun {
      let tally = Tally()
      async let first: Int = {
        try? await Task.sleep(for: .seconds(1))
        return await tally.add()
      }()
      async let second: Int = {
        try? await Task.sleep(for: .seconds(2))
        return await tally.add()
      }()
      let both = await [first, second]
      say("async let: \(both)")
      await Request.$id.withValue("r-7") {
        await withTaskGroup(of: String.self) { group in
          group.addTask {
            await Task.yield()
            return Request.id
          }
          for await id in group { say("task-local in a child: \(id)") }
        }
      }
      let value = await withCheckedContinuation { continuation in
        Task {
          try? await Task.sleep(for: .milliseconds(500))
          continuation.resume(returning: 42)
        }
      }
      say("continuation: \(value)")
    }
    #expect(run.error == nil)
    #expect(
      run.text == """
        [09:00:02] async let: [1, 2]
        [09:00:02] task-local in a child: r-7
        [09:00:02] continuation: 42

        """)
  }

  @Test("cancellation ends a long sleep at once, in virtual time")
  func cancellation() {
    let run = AsyncRun {
      let slow = Task {
        do {
          try await Task.sleep(for: .seconds(60))
          say("slow finished")
        } catch {
          say("slow cancelled")
        }
      }
      try await Task.sleep(for: .seconds(1))
      slow.cancel()
      await slow.value
      let result = await withThrowingTaskGroup(of: String.self) { group in
        group.addTask {
          try await Task.sleep(for: .seconds(30))
          return "work"
        }
        group.addTask {
          try await Task.sleep(for: .seconds(2))
          throw CancellationError()
        }
        do {
          let first = try await group.next()!
          group.cancelAll()
          return first
        } catch {
          group.cancelAll()
          return "timed out"
        }
      }
      say(result)
    }
    #expect(run.error == nil)
    #expect(run.text == "[09:00:01] slow cancelled\n[09:00:03] timed out\n")
  }

  @Test("Task {}, Task.detached and AsyncStream stay in the run")
  func unstructured() {
    let run = AsyncRun {
      let stream = AsyncStream<Int> { continuation in
        Task.detached {
          for value in 1...3 {
            try? await Task.sleep(for: .seconds(1))
            continuation.yield(value)
          }
          continuation.finish()
        }
      }
      let doubled = Task { () -> [Int] in
        var values: [Int] = []
        for await value in stream { values.append(value * 2) }
        return values
      }
      say("doubled \(await doubled.value)")
      await withDiscardingTaskGroup { group in
        group.addTask { try? await Task.sleep(for: .seconds(1)) }
      }
      say("discarding group done")
    }
    #expect(run.error == nil)
    #expect(run.text == "[09:00:03] doubled [2, 4, 6]\n[09:00:04] discarding group done\n")
  }

  @Test("AsyncThrowingStream and unsafe continuations resumed inside the run")
  func throwingStream() {
    struct Late: Error {}
    let run = AsyncRun {
      let stream = AsyncThrowingStream<Int, any Error> { continuation in
        Task {
          try? await Task.sleep(for: .milliseconds(250))
          continuation.yield(1)
          try? await Task.sleep(for: .milliseconds(250))
          continuation.finish(throwing: Late())
        }
      }
      do {
        for try await value in stream { say("value \(value)") }
      } catch {
        say("stream threw \(error)")
      }
      let answer = await withUnsafeContinuation { continuation in
        Task.detached {
          try? await Task.sleep(for: .seconds(1))
          continuation.resume(returning: "unsafe resumed")
        }
      }
      say(answer)
    }
    #expect(run.error == nil)
    #expect(
      run.text == """
        [09:00:00] value 1
        [09:00:00] stream threw Late()
        [09:00:01] unsafe resumed

        """)
  }

  @Test("runs at once in one process stay independent")
  func parallelRuns() {
    @Sendable func body() async {
      await withTaskGroup(of: Void.self) { group in
        for child in 0..<4 {
          group.addTask {
            try? await Task.sleep(for: .seconds(Double(child)))
            Task { say("task from child \(child)") }
            say("child \(child)")
          }
        }
      }
      try? await Task.sleep(for: .seconds(1))
    }
    let expected = AsyncRun(seed: 3) { await body() }.text
    let texts = Protected<[String]>([])
    // Threads of their own, not Dispatch's pool: runs that wait on Dispatch threads would
    // starve the pool that another test's Dispatch timer needs.
    let done = DispatchSemaphore(value: 0)
    for _ in 0..<8 {
      Thread {
        let text = AsyncRun(seed: 3) { await body() }.text
        texts.withLock { $0.append(text) }
        done.signal()
      }.start()
    }
    for _ in 0..<8 { done.wait() }
    #expect(texts.withLock { $0 } == Array(repeating: expected, count: 8))
  }
}
