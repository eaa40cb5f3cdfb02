import ConcurrencyRuntime
import Foundation
import Testing

/// What a virtual run cannot capture, and how it ends instead: an escape named for what
/// left the run, a stall, a misuse, never a crash or a hang; and the threads it frees.
@Suite("Virtual runs that cannot go on")
struct VirtualRunFailureTests {
  @Test(
    "a hop to @MainActor leaves the run: an escape or, if the main actor never runs, a deadlock that says why"
  )
  func mainActor() {
    let run = AsyncRun {
      await MainActor.run { say("on the main actor") }
      say("back")
    }
    #expect(!run.text.contains("back"))
    let text = run.error.map { "\($0)" } ?? ""
    #expect(
      text.hasPrefix("a job left the virtual runtime")
        || text.contains("nothing outside the run resumed a task within"))
  }

  @Test("a continuation resumed by Dispatch ends the run with the escape, not a deadlock")
  func dispatchEscape() {
    let run = AsyncRun {
      await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
        DispatchQueue.global().asyncAfter(deadline: .now() + .milliseconds(20)) {
          continuation.resume()
        }
      }
      say("never printed")
    }
    #expect(!run.text.contains("never printed"))
    // Dispatch's pool is also where the test runner's tests run, and a blocked test holds a
    // thread of it: under the Thread Sanitizer the block may not get one within the 2 s a run
    // waits, and then the deadlock line says what may have happened.
    let text = run.error.map { "\($0)" } ?? ""
    guard case .resumedFromOutside(let thread, _) = run.escape else {
      #expect(text.contains("nothing outside the run resumed a task within 2 s"), "\(text)")
      return
    }
    #expect(thread.hasPrefix("a Dispatch thread") || thread.hasPrefix("a thread the runtime"))
    #expect(text.hasPrefix("a job left the virtual runtime"))
  }

  @Test("a continuation resumed by a thread the runtime did not start is the run's escape")
  func foreignResume() {
    let run = AsyncRun {
      await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
        Thread {
          Thread.sleep(forTimeInterval: 0.02)
          continuation.resume()
        }.start()
      }
      say("never printed")
    }
    guard case .resumedFromOutside = run.escape else {
      Issue.record("expected an escape, got \(String(describing: run.error))")
      return
    }
    #expect(!run.text.contains("never printed"))
  }

  @Test("a Task {} started on a simulated thread outside async code is an escape")
  func taskOutsideAsync() {
    let runtime = Runtime.virtual()
    var failure: (any Error)?
    do {
      try runtime.run { Task { say("never printed") } }
    } catch {
      failure = error
    }
    guard case .escaped(.taskOutsideAsyncCode(let thread, _)) = failure as? RuntimeError else {
      Issue.record("expected an escape, got \(String(describing: failure))")
      return
    }
    #expect(thread == "MainThread")
  }

  @Test("a runtime object used from a thread the runtime did not start is an escape")
  func foreignThread() {
    let out = Transcript()
    let runtime = Runtime.virtual(output: out.sink)
    var failure: (any Error)?
    do {
      try runtime.run {
        let done = DispatchSemaphore(value: 0)
        Thread {
          runtime.console.display("from outside")
          done.signal()
        }.start()
        done.wait()
      }
    } catch {
      failure = error
    }
    guard case .escaped(.usedFromOutside(_, let operation, _)) = failure as? RuntimeError else {
      Issue.record("expected an escape, got \(String(describing: failure))")
      return
    }
    #expect(operation.contains("console"))
    #expect(out.text.contains("from outside"))
  }

  @Test("an object of one run used by another is an error naming both runs")
  func anotherRun() throws {
    let first = Runtime.virtual()
    let lock = try first.run { first.makeLock() }
    let second = Runtime.virtual()
    var failure: (any Error)?
    do {
      try second.run { lock.lock() }
    } catch {
      failure = error
    }
    guard case .escaped(.usedByAnotherRun(_, let owner, let caller, _)) = failure as? RuntimeError
    else {
      Issue.record("expected an escape, got \(String(describing: failure))")
      return
    }
    #expect(owner != caller)
  }

  @Test("an object of a live runtime used inside a virtual run is an escape, not a hang")
  func liveObject() {
    let live = Runtime.live()
    let condition = live.makeCondition(label: "made outside")
    let runtime = Runtime.virtual()
    var failure: (any Error)?
    do {
      try runtime.run { condition.withLock { _ = condition.wait(timeout: nil) } }
    } catch {
      failure = error
    }
    guard case .escaped(.liveObjectInVirtualRun(let operation, _, _)) = failure as? RuntimeError
    else {
      Issue.record("expected an escape, got \(String(describing: failure))")
      return
    }
    #expect(operation.hasPrefix("wait()"))
  }

  @Test("@MainActor code of a run's task finds the run, which reports the escape")
  func mainActorFindsItsRun() {
    let run = AsyncRun {
      await MainActor.run { say("from the main actor") }
    }
    guard case .usedFromOutside(_, let operation, _) = run.escape else {
      Issue.record("expected an escape, got \(String(describing: run.error))")
      return
    }
    #expect(operation.contains("console"))
    #expect(run.text.contains("from the main actor"))
  }

  @Test("a run stuck outside the runtime is reported within its stall limit, every thread named")
  func stalled() {
    let outside = DispatchSemaphore(value: 0)
    let runtime = Runtime.virtual(stallLimit: .milliseconds(500))
    var failure: (any Error)?
    do {
      try runtime.run {
        runtime.spawn(name: "sleeper") { runtime.sleep(for: .seconds(5)) }
        outside.wait()
        runtime.console.display("back too late")
      }
    } catch {
      failure = error
    }
    // Let the stuck thread come back: it must end quietly, not run the dead simulation on.
    outside.signal()
    guard case .stalled(let holder, _, let threads) = failure as? RuntimeError else {
      Issue.record("expected a stall, got \(String(describing: failure))")
      return
    }
    #expect(holder == "MainThread")
    #expect(threads.contains { $0.hasPrefix("sleeper") })
  }

  @Test("misusing a lock ends the run with an error instead of trapping")
  func misuse() {
    let runtime = Runtime.virtual()
    #expect {
      try runtime.run {
        let lock = runtime.makeLock(label: "the lock")
        lock.unlock()
      }
    } throws: { error in
      "\(error)" == "MainThread released the lock without holding it"
    }
    #expect {
      try runtime.run {
        let lock = runtime.makeLock(label: "the lock")
        lock.lock()
        lock.lock()
      }
    } throws: { error in
      "\(error)".contains("took the lock again while holding it")
    }
  }

  @Test("deadlocked runs free their threads")
  func deadlocksFreeThreads() throws {
    func threads() -> Int {
      (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/task").count) ?? 0
    }
    let before = threads()
    for _ in 0..<40 {
      let runtime = Runtime.virtual()
      #expect(throws: RuntimeError.self) {
        try runtime.run {
          let condition = runtime.makeCondition()
          let waiter = runtime.spawn(name: "waiter") {
            condition.withLock { _ = condition.wait(timeout: nil) }
          }
          waiter.join()
        }
      }
    }
    // Each run left two blocked threads behind before; a few may still be exiting.
    #expect(threads() < before + 20)
  }

}
