import ConcurrencyRuntime
import Futures
import Testing

@Suite("Future")
struct FutureTests {
  @Test(
    "a future moves from pending to running to finished",
    arguments: RuntimeConfiguration.contractCases)
  func states(mode: RuntimeConfiguration) throws {
    let seen = try mode.run { rt -> [String] in
      let future = Future<Int>()
      var seen = ["\(future.state) done=\(future.isDone)"]
      #expect(try future.setRunningOrNotifyCancel())
      seen.append("\(future.state) running=\(future.isRunning)")
      try future.setResult(42)
      seen.append("\(future.state) done=\(future.isDone) cancelled=\(future.isCancelled)")
      return seen
    }
    #expect(
      seen == ["pending done=false", "running running=true", "finished done=true cancelled=false"])
  }

  @Test("cancel: pending yes, running no, cancelled yes again, finished no")
  func cancelRules() throws {
    try RuntimeConfiguration.canonical.run { _ in
      let pending = Future<Int>()
      #expect(pending.cancel())
      #expect(pending.isCancelled && pending.isDone)
      #expect(pending.cancel())
      let running = Future<Int>()
      _ = try running.setRunningOrNotifyCancel()
      #expect(!running.cancel())
      let finished = Future<Int>()
      try finished.setResult(1)
      #expect(!finished.cancel())
      #expect(try finished.result() == 1)
    }
  }

  @Test(
    "cancel wakes a thread blocked in result() with a cancellation error",
    arguments: RuntimeConfiguration.contractCases)
  func cancelWakesWaiters(mode: RuntimeConfiguration) throws {
    let outcome = try mode.run { rt -> String in
      let future = Future<Int>()
      let log = Log<String>()
      let waiter = rt.spawn(name: "waiter") {
        do {
          _ = try future.result()
          log.append("value")
        } catch {
          log.append("\(error)")
        }
      }
      rt.sleep(for: .seconds(1))
      future.cancel()
      waiter.join()
      return log.all.joined()
    }
    #expect(outcome == "CancelledError")
  }

  @Test("result(timeout:) returns, rethrows, or times out; a zero time-out does not wait")
  func resultTimeouts() throws {
    try RuntimeConfiguration.canonical.run { rt in
      let value = Future<String>()
      try value.setResult("CN")
      #expect(try value.result(timeout: .zero) == "CN")

      let failed = Future<String>()
      try failed.setException(Boom())
      #expect(throws: Boom.self) { try failed.result() }
      #expect(try failed.exception() is Boom)
      #expect(try value.exception() == nil)

      let never = Future<String>()
      #expect(throws: FutureError.timeout(nil)) { try never.result(timeout: .zero) }
      #expect(rt.now == .zero)
      #expect(throws: FutureError.timeout(nil)) { try never.exception(timeout: .seconds(2)) }
      #expect(rt.now == .seconds(2))

      never.cancel()
      #expect(throws: FutureError.cancelled) { try never.exception() }
    }
  }

  @Test("a second outcome, or one after cancelling, is an invalid-state error and changes nothing")
  func invalidState() throws {
    try RuntimeConfiguration.canonical.run { _ in
      let future = Future<Int>()
      try future.setResult(1)
      #expect(throws: FutureError.self) { try future.setResult(2) }
      #expect(throws: FutureError.self) { try future.setException(Boom()) }
      #expect(try future.result() == 1)
      let cancelled = Future<Int>()
      cancelled.cancel()
      #expect(throws: FutureError.self) { try cancelled.setResult(3) }
      #expect(cancelled.isCancelled)
    }
  }

  @Test(
    "the invalid-state error names the state as CPython does: 'FINISHED: <Future … returned Int>'",
    arguments: RuntimeConfiguration.contractCases)
  func invalidStateMessages(mode: RuntimeConfiguration) throws {
    let messages = try mode.run { _ -> [String] in
      func message(_ future: Future<Int>, _ attempt: (Future<Int>) throws -> Void) -> String {
        do {
          try attempt(future)
          return "no error"
        } catch {
          return "\(error)".replacingOccurrences(of: future.address, with: "A")
        }
      }
      let finished = Future<Int>()
      try finished.setResult(1)
      let failed = Future<Int>()
      try failed.setException(Boom())
      let cancelled = Future<Int>()
      cancelled.cancel()
      let notified = Future<Int>()
      notified.cancel()
      _ = try notified.setRunningOrNotifyCancel()
      return [
        message(finished) { try $0.setResult(2) },
        message(failed) { try $0.setException(Boom()) },
        message(cancelled) { try $0.setResult(3) },
        message(notified) { try $0.setException(Boom()) },
      ]
    }
    #expect(
      messages == [
        "InvalidStateError: FINISHED: <Future at A state=finished returned Int>",
        "InvalidStateError: FINISHED: <Future at A state=finished raised Boom>",
        "InvalidStateError: CANCELLED: <Future at A state=cancelled>",
        "InvalidStateError: CANCELLED_AND_NOTIFIED: <Future at A state=cancelled>",
      ])
  }

  @Test("set-running-or-notify-cancel: pending starts, cancelled is skipped, else invalid")
  func runningOrNotify() throws {
    try RuntimeConfiguration.canonical.run { _ in
      let cancelled = Future<Int>()
      cancelled.cancel()
      #expect(try cancelled.setRunningOrNotifyCancel() == false)
      #expect(throws: FutureError.self) { try cancelled.setRunningOrNotifyCancel() }
      let finished = Future<Int>()
      try finished.setResult(0)
      #expect(throws: FutureError.self) { try finished.setRunningOrNotifyCancel() }
    }
  }

  @Test("done-callbacks run once, in order, at once if done; a failing one does not stop the rest")
  func callbacks() throws {
    let order = try RuntimeConfiguration.canonical.run { rt -> [String] in
      let log = Log<String>()
      let future = Future<Int>()
      future.addDoneCallback { log.append("first \(try $0.result())") }
      future.addDoneCallback { _ in throw Boom() }
      future.addDoneCallback { _ in log.append("third on \(rt.currentThreadName)") }
      try future.setResult(7)
      future.addDoneCallback { _ in log.append("late") }
      #expect(future.cancel() == false)
      let marks = rt.trace.events.compactMap { event -> String? in
        if case .callbackFailed(let text) = event.kind { return text }
        return nil
      }
      #expect(marks.count == 1)
      #expect(marks.first?.hasPrefix("exception calling callback for <Future at 0x") == true)
      return log.all
    }
    #expect(order == ["first 7", "third on MainThread", "late"])
  }

  @Test("cancelling runs the done-callbacks")
  func cancelCallbacks() throws {
    let log = try RuntimeConfiguration.canonical.run { _ -> [String] in
      let log = Log<String>()
      let future = Future<Int>()
      future.addDoneCallback { log.append("cancelled=\($0.isCancelled)") }
      future.cancel()
      future.cancel()
      return log.all
    }
    #expect(log == ["cancelled=true"])
  }

  @Test("a future describes itself as the notebook shows it, deterministically in virtual time")
  func descriptions() throws {
    func texts() throws -> [String] {
      try RuntimeConfiguration.canonical.run { _ in
        let a = Future<String>()
        var texts = [a.description]
        _ = try a.setRunningOrNotifyCancel()
        texts.append(a.description)
        try a.setResult("CN")
        texts.append(a.description)
        let b = Future<String>()
        try b.setException(Boom())
        texts.append(b.description)
        b.cancel()
        let c = Future<Int>()
        c.cancel()
        texts.append(c.description)
        return texts
      }
    }
    let first = try texts()
    #expect(first == (try texts()))
    let address = try #require(first.first?.split(separator: " ")[2])
    #expect(address.hasPrefix("0x7f"))
    #expect(
      first.map { $0.replacingOccurrences(of: String(address), with: "A") }.prefix(3) == [
        "<Future at A state=pending>", "<Future at A state=running>",
        "<Future at A state=finished returned String>",
      ])
    #expect(first[3].hasSuffix("state=finished raised Boom>"))
    #expect(first[4].hasSuffix("state=cancelled>"))
  }
}
