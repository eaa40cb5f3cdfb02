import ConcurrencyRuntime
import Futures
import Testing

@Suite("Executor.map")
struct MapTests {
  @Test(
    "map submits everything at once and yields results lazily in input order",
    arguments: RuntimeConfiguration.contractCases)
  func lazyInOrder(mode: RuntimeConfiguration) throws {
    let (values, returnedAt) = try mode.run { rt -> ([Int], Duration) in
      try withThreadPoolExecutor(maxWorkers: 3) { executor in
        let results = try executor.map(
          { (n: Int) -> Int in
            rt.sleep(for: .seconds(3 - n))
            return n * 10
          }, 0..<3)
        let returnedAt = rt.now
        return (try results.map { try $0.get() }, returnedAt)
      }
    }
    #expect(values == [0, 10, 20])
    #expect(returnedAt < .seconds(1))
  }

  @Test("a task's error surfaces at its position and ends the iteration")
  func errorEndsIteration() throws {
    try RuntimeConfiguration.canonical.run { rt in
      try withThreadPoolExecutor(maxWorkers: 1) { executor in
        let results = try executor.map(
          { (n: Int) throws -> Int in
            if n == 1 { throw Boom() }
            rt.sleep(for: .seconds(1))
            return n
          }, 0..<4)
        let outcomes = Array(results)
        #expect(outcomes.count == 2)
        #expect(try outcomes[0].get() == 0)
        #expect(throws: Boom.self) { try outcomes[1].get() }
      }
    }
  }

  @Test("the time-out counts from the map call and cancels the remaining futures")
  func timeout() throws {
    try RuntimeConfiguration.canonical.run { rt in
      let executor = try ThreadPoolExecutor(maxWorkers: 1)
      let started = Log<Int>()
      let results = try executor.map(
        { (n: Int) -> Int in
          started.append(n)
          rt.sleep(for: .seconds(2))
          return n
        }, 0..<4, timeout: .seconds(3))
      rt.sleep(for: .seconds(1))
      #expect(try results.next()?.get() == 0)
      #expect(rt.now == .seconds(2))
      let second = try #require(results.next())
      #expect(throws: FutureError.timeout(nil)) { try second.get() }
      #expect(rt.now == .seconds(3))
      #expect(results.next() == nil)
      executor.shutdown()
      #expect(started.all == [0, 1], "the futures after the time-out were cancelled")
    }
  }

  @Test(
    "a time-out cancels the future it was waiting for along with every later one",
    arguments: RuntimeConfiguration.contractCases)
  func timeoutCancelsTheAwaitedFuture(mode: RuntimeConfiguration) throws {
    let (started, outcome) = try mode.run { rt -> ([Int], String) in
      let executor = try ThreadPoolExecutor(maxWorkers: 1)
      let gate = Gate(rt)
      // Keeps the only thread busy, so the first map task is still pending when time runs out.
      let blocker = try executor.submit { gate.pass() }
      let started = Log<Int>()
      let results = try executor.map(
        { (n: Int) -> Int in
          started.append(n)
          return n
        }, 0..<3, timeout: .seconds(1))
      let outcome: String
      switch results.next() {
      case .failure(let error)?: outcome = "\(error)"
      case .success(let value)?: outcome = "value \(value)"
      case nil: outcome = "end"
      }
      gate.release()
      _ = try blocker.result()
      executor.shutdown(wait: true)
      return (started.all, outcome)
    }
    #expect(outcome == "TimeoutError")
    #expect(started == [], "the timed-out future and those after it were cancelled")
  }

  @Test(
    "a result taken from the iterator is no longer kept alive by it",
    arguments: RuntimeConfiguration.contractCases)
  func takenResultsAreReleased(mode: RuntimeConfiguration) throws {
    let (value, released) = try mode.run { _ -> (Int?, Bool) in
      let executor = try ThreadPoolExecutor(maxWorkers: 2)
      let results = try executor.map({ (n: Int) in Payload(n) }, 0..<3)
      weak var first: Payload?
      var value: Int?
      do {
        let payload = try results.next()?.get()
        value = payload?.value
        first = payload
      }
      // Once the pool's threads are gone, only the iterator could still hold the first result.
      executor.shutdown(wait: true)
      let released = first == nil
      withExtendedLifetime(results) {}
      return (value, released)
    }
    #expect(value == 0)
    #expect(released)
  }

  @Test("dropping the results early cancels the futures not yet started")
  func dropCancels() throws {
    try RuntimeConfiguration.canonical.run { rt in
      let started = Log<Int>()
      try withThreadPoolExecutor(maxWorkers: 1) { executor in
        do {
          let results = try executor.map(
            { (n: Int) -> Int in
              started.append(n)
              rt.sleep(for: .seconds(1))
              return n
            }, 0..<5)
          _ = results.next()
        }
      }
      #expect(started.all == [0, 1])
    }
  }

  @Test(
    "results dropped before the first element was asked for cancel nothing",
    arguments: RuntimeConfiguration.contractCases)
  func dropBeforeStartCancelsNothing(mode: RuntimeConfiguration) throws {
    let started = try mode.run { rt -> [Int] in
      let started = Log<Int>()
      try withThreadPoolExecutor(maxWorkers: 1) { executor in
        _ = try executor.map(
          { (n: Int) -> Int in
            started.append(n)
            rt.sleep(for: .seconds(1))
            return n
          }, 0..<3)
      }
      return started.all
    }
    #expect(started == [0, 1, 2])
  }

  @Test(
    "close() after the first element cancels what has not started and ends the iteration",
    arguments: RuntimeConfiguration.contractCases)
  func closeAfterStart(mode: RuntimeConfiguration) throws {
    let (first, afterClose, started) = try mode.run { rt -> (Int?, Bool, [Int]) in
      let started = Log<Int>()
      let gate = Gate(rt)
      let (first, afterClose) = try withThreadPoolExecutor(maxWorkers: 1) { executor in
        let results = try executor.map(
          { (n: Int) -> Int in
            started.append(n)
            if n == 1 { gate.pass() }  // holds the only thread, if it starts before close()
            return n
          }, 0..<4)
        let first = try results.next()?.get()
        results.close()
        gate.release()
        let afterClose = results.next() == nil
        return (first, afterClose)
      }
      return (first, afterClose, started.all)
    }
    #expect(first == 0)
    #expect(afterClose)
    #expect(started == [0] || started == [0, 1], "2 and 3 were cancelled")
  }

  @Test(
    "close() before the first element cancels nothing, as closing an unstarted generator",
    arguments: RuntimeConfiguration.contractCases)
  func closeBeforeStart(mode: RuntimeConfiguration) throws {
    let (afterClose, started) = try mode.run { rt -> (Bool, [Int]) in
      let started = Log<Int>()
      let afterClose = try withThreadPoolExecutor(maxWorkers: 1) { executor in
        let results = try executor.map(
          { (n: Int) -> Int in
            started.append(n)
            rt.sleep(for: .seconds(1))
            return n
          }, 0..<3)
        results.close()
        return results.next() == nil
      }
      return (afterClose, started.all)
    }
    #expect(afterClose)
    #expect(started == [0, 1, 2])
  }

  @Test("a bufferSize below 1 is an error with CPython's message")
  func bufferSizeMustBePositive() throws {
    try RuntimeConfiguration.canonical.run { _ in
      try withThreadPoolExecutor(maxWorkers: 1) { executor in
        for size in [0, -1] {
          #expect(throws: FutureError.invalidArgument("buffersize must be None or > 0")) {
            try executor.map({ $0 }, [1], bufferSize: size)
          }
        }
        #expect(
          "\(FutureError.invalidArgument("buffersize must be None or > 0"))"
            == "ValueError: buffersize must be None or > 0")
      }
    }
  }

  @Test(
    "with bufferSize n, map submits n inputs at once and one more each time a result is taken",
    arguments: RuntimeConfiguration.contractCases)
  func bufferSizeSubmitsAhead(mode: RuntimeConfiguration) throws {
    let (pulledAtEachStep, values) = try mode.run { _ -> ([Int], [Int]) in
      let pulled = Log<Int>()
      let items = (0..<6).lazy.map { n in
        pulled.append(n)
        return n
      }
      return try withThreadPoolExecutor(maxWorkers: 2) { executor in
        let results = try executor.map({ $0 * 10 }, items, bufferSize: 3)
        var pulledAtEachStep = [pulled.all.count]
        var values: [Int] = []
        while let result = results.next() {
          values.append(try result.get())
          pulledAtEachStep.append(pulled.all.count)
        }
        return (pulledAtEachStep, values)
      }
    }
    #expect(pulledAtEachStep == [3, 4, 5, 6, 6, 6, 6])
    #expect(values == [0, 10, 20, 30, 40, 50])
  }

  @Test(
    "with bufferSize, map over an endless sequence takes only the inputs it needs",
    arguments: RuntimeConfiguration.contractCases)
  func bufferSizeOnEndlessInput(mode: RuntimeConfiguration) throws {
    let (values, pulled) = try mode.run { _ -> ([Int], Int) in
      let pulled = Log<Int>()
      // Endless as far as map can tell; the guard only stops a map that ignores bufferSize.
      let naturals = sequence(first: 1) { n in n < 10_000 ? n + 1 : nil }.lazy.map { n in
        pulled.append(n)
        return n
      }
      let values = try withThreadPoolExecutor(maxWorkers: 2) { executor in
        let results = try executor.map({ $0 * $0 }, naturals, bufferSize: 2)
        return try results.prefix(5).map { try $0.get() }
      }
      return (values, pulled.all.count)
    }
    #expect(values == [1, 4, 9, 16, 25])
    #expect(pulled == 7, "two ahead at the start, then one more per result taken")
  }

  @Test(
    "with bufferSize, zipped inputs are taken lazily too and stop at the shorter one",
    arguments: RuntimeConfiguration.contractCases)
  func bufferSizeZips(mode: RuntimeConfiguration) throws {
    let (values, pulled, short) = try mode.run { _ -> ([String], Int, [String]) in
      let pulled = Log<Int>()
      let naturals = (1...).lazy.map { n in
        pulled.append(n)
        return n
      }
      return try withThreadPoolExecutor(maxWorkers: 2) { executor in
        let letters = Array(repeating: "x", count: 1_000)
        let values = try executor.map(
          { (a: Int, b: String) in "\(b)\(a)" }, naturals, letters, bufferSize: 2
        ).prefix(3).map { try $0.get() }
        let short = try executor.map(
          { (a: Int, b: String) in "\(b)\(a)" }, 1..., ["a", "b"], bufferSize: 2
        ).map { try $0.get() }
        return (values, pulled.all.count, short)
      }
    }
    #expect(values == ["x1", "x2", "x3"])
    #expect(pulled == 5)
    #expect(short == ["a1", "b2"])
  }

  @Test("with bufferSize, a submission refused after shutdown ends the iteration with its error")
  func bufferSizeAfterShutdown() throws {
    try RuntimeConfiguration.canonical.run { _ in
      let executor = try ThreadPoolExecutor(maxWorkers: 1)
      let results = try executor.map({ $0 }, 0..<3, bufferSize: 1)
      #expect(try results.next()?.get() == 0)
      executor.shutdown(wait: true)
      let refused = try #require(results.next())
      #expect(throws: FutureError.shutdown) { try refused.get() }
      #expect(results.next() == nil)
    }
  }

  @Test("with bufferSize, a time-out cancels what was submitted and submits nothing more")
  func bufferSizeTimeout() throws {
    try RuntimeConfiguration.canonical.run { rt in
      let started = Log<Int>()
      let pulled = Log<Int>()
      let items = (0..<10).lazy.map { n in
        pulled.append(n)
        return n
      }
      try withThreadPoolExecutor(maxWorkers: 1) { executor in
        let results = try executor.map(
          { (n: Int) -> Int in
            started.append(n)
            rt.sleep(for: .seconds(2))
            return n
          }, items, timeout: .seconds(3), bufferSize: 2)
        #expect(try results.next()?.get() == 0)
        let second = try #require(results.next())
        #expect(throws: FutureError.timeout(nil)) { try second.get() }
        #expect(results.next() == nil)
      }
      #expect(started.all == [0, 1])
      #expect(pulled.all == [0, 1, 2, 3], "two at the start, one more before each wait")
    }
  }

  @Test("several inputs zip together and stop at the shortest")
  func zipShortest() throws {
    let values = try RuntimeConfiguration.canonical.run { _ in
      try withThreadPoolExecutor(maxWorkers: 2) { executor in
        try executor.map({ (a: Int, b: String) in "\(b)\(a)" }, [1, 2, 3], ["a", "b"])
          .map { try $0.get() }
      }
    }
    #expect(values == ["a1", "b2"])
  }

  @Test("map after shutdown throws at the call")
  func mapAfterShutdown() throws {
    try RuntimeConfiguration.canonical.run { _ in
      let executor = try ThreadPoolExecutor(maxWorkers: 1)
      executor.shutdown()
      #expect(throws: FutureError.shutdown) { try executor.map({ $0 }, [1]) }
    }
  }

  @Test("the results describe themselves like Python's generator object")
  func description() throws {
    let text = try RuntimeConfiguration.canonical.run { _ in
      try withThreadPoolExecutor(maxWorkers: 1) { executor in
        "\(try executor.map({ $0 }, [1]))"
      }
    }
    #expect(text.hasPrefix("<MapResults object at 0x7f"))
  }
}
