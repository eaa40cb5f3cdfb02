import ConcurrencyRuntime
import Futures
import Testing

@Suite("asCompleted")
struct AsCompletedTests {
  @Test(
    "futures come out in completion order, each once", arguments: RuntimeConfiguration.contractCases
  )
  func completionOrder(mode: RuntimeConfiguration) throws {
    let order = try mode.run { rt -> [Int] in
      try withThreadPoolExecutor(maxWorkers: 3) { executor in
        let futures = try [3, 1, 2].map { n in
          try executor.submit {
            rt.sleep(for: .seconds(n))
            return n
          }
        }
        return try asCompleted(futures + futures).map { try $0.result() }
      }
    }
    #expect(order == [1, 2, 3])
  }

  @Test("futures already done come first, in the order given")
  func finishedFirst() throws {
    let order = try RuntimeConfiguration.canonical.run { rt -> [String] in
      let a = Future<String>()
      let b = Future<String>()
      let c = Future<String>()
      try c.setResult("c")
      try a.setResult("a")
      let setter = rt.spawn(name: "setter") {
        rt.sleep(for: .seconds(1))
        try? b.setResult("b")
      }
      defer { setter.join() }
      return try asCompleted([a, b, c]).map { try $0.result() }
    }
    #expect(order == ["a", "c", "b"])
  }

  @Test("a time-out throws 'N (of M) futures unfinished', counted from the first next()")
  func timeout() throws {
    try RuntimeConfiguration.canonical.run { rt in
      let executor = try ThreadPoolExecutor(maxWorkers: 3)
      let futures = try [1, 5, 6].map { n in
        try executor.submit {
          rt.sleep(for: .seconds(n))
          return n
        }
      }
      var completions = asCompleted(futures, timeout: .seconds(2))
      rt.sleep(for: .seconds(2))
      #expect(try completions.next()?.result() == 1)
      #expect(throws: FutureError.timeout("2 (of 3) futures unfinished")) {
        try completions.next()
      }
      #expect(rt.now == .seconds(4))
      executor.shutdown(wait: true, cancelFutures: true)
    }
  }

  @Test(
    "a future handed out is no longer kept alive by the iterator, done at the start or later",
    arguments: RuntimeConfiguration.contractCases)
  func yieldedFuturesAreReleased(mode: RuntimeConfiguration) throws {
    try mode.run { _ in
      weak var early: Future<Int>?
      weak var late: Future<Int>?
      let never = Future<Int>()
      let completions: AsCompleted<Int>
      do {
        let done = Future<Int>()
        try done.setResult(0)
        let pending = Future<Int>()
        early = done
        late = pending
        completions = asCompleted([done, pending, never])
      }
      var yielded = completions.next()
      #expect(try yielded?.result() == 0)
      yielded = nil
      #expect(early == nil, "a future done when iteration started")
      #expect(late != nil, "an unfinished future is still watched")
      try late?.setResult(1)
      yielded = completions.next()
      #expect(try yielded?.result() == 1)
      yielded = nil
      #expect(late == nil, "a future that completed while the iterator waited")
      #expect(!never.isDone)
      withExtendedLifetime(completions) {}
      never.cancel()
    }
  }

  @Test("a cancelled future counts once its executor has noticed it")
  func cancelledCounts() throws {
    let order = try RuntimeConfiguration.canonical.run { rt -> [String] in
      try withThreadPoolExecutor(maxWorkers: 1) { executor in
        let slow = try executor.submit {
          rt.sleep(for: .seconds(2))
          return "slow"
        }
        let waiting = try executor.submit { "never" }
        #expect(waiting.cancel())
        return asCompleted([waiting, slow]).map {
          "\($0.isCancelled ? "cancelled" : "done") at \(rt.now)"
        }
      }
    }
    #expect(order == ["done at 2.0 seconds", "cancelled at 2.0 seconds"])
  }
}

@Suite("wait")
struct WaitTests {
  @Test("ALL_COMPLETED waits for every future")
  func allCompleted() throws {
    try RuntimeConfiguration.canonical.run { rt in
      try withThreadPoolExecutor(maxWorkers: 3) { executor in
        let futures = try [1, 3, 2].map { n in try executor.submit { rt.sleep(for: .seconds(n)) } }
        let result = wait(futures + [futures[0]])
        #expect(result.done.count == 3 && result.notDone.isEmpty)
        #expect(rt.now == .seconds(3))
      }
    }
  }

  @Test("FIRST_COMPLETED returns at the first completion, or at once if one is done")
  func firstCompleted() throws {
    try RuntimeConfiguration.canonical.run { rt in
      try withThreadPoolExecutor(maxWorkers: 3) { executor in
        let futures = try [2, 1, 3].map { n in
          try executor.submit {
            rt.sleep(for: .seconds(n))
            return n
          }
        }
        let first = wait(futures, returnWhen: .firstCompleted)
        #expect(try first.done.map { try $0.result() } == [1])
        #expect(first.notDone.count == 2)
        #expect(rt.now == .seconds(1))
        let again = wait(futures, returnWhen: .firstCompleted)
        #expect(rt.now == .seconds(1))
        #expect(again.done.count == 1)
      }
    }
  }

  @Test("FIRST_EXCEPTION returns at the first error, or when all are done")
  func firstException() throws {
    try RuntimeConfiguration.canonical.run { rt in
      try withThreadPoolExecutor(maxWorkers: 3) { executor in
        let futures = try [1, 2, 5].map { n in
          try executor.submit { () throws -> Int in
            rt.sleep(for: .seconds(n))
            if n == 2 { throw Boom() }
            return n
          }
        }
        let result = wait(futures, returnWhen: .firstException)
        #expect(rt.now == .seconds(2))
        #expect(result.done.count == 2 && result.notDone.count == 1)
        let noErrors = try [1, 2].map { n in try executor.submit { rt.sleep(for: .seconds(n)) } }
        let all = wait(noErrors, returnWhen: .firstException)
        #expect(all.notDone.isEmpty)
        #expect(rt.now == .seconds(4))
      }
    }
  }

  @Test("a time-out returns normally with the unfinished futures in notDone")
  func timeout() throws {
    try RuntimeConfiguration.canonical.run { rt in
      try withThreadPoolExecutor(maxWorkers: 2) { executor in
        let futures = try [1, 4].map { n in try executor.submit { rt.sleep(for: .seconds(n)) } }
        let result = wait(futures, timeout: .seconds(2))
        #expect(result.done == [futures[0]])
        #expect(result.notDone == [futures[1]])
        #expect(rt.now == .seconds(2))
      }
    }
  }
}
