import ConcurrencyRuntime
import Futures
import Testing

@Suite("ThreadPoolExecutor")
struct ThreadPoolExecutorTests {
  @Test(
    "submit runs the call on a pool thread and its future holds the value",
    arguments: RuntimeConfiguration.contractCases
  )
  func submit(mode: RuntimeConfiguration) throws {
    let (value, thread) = try mode.run { rt -> (Int, String) in
      try withThreadPoolExecutor(maxWorkers: 2, threadNamePrefix: "pool") { executor in
        let future = try executor.submit { (6 * 7, rt.currentThreadName) }
        return try future.result()
      }
    }
    #expect(value == 42)
    #expect(thread == "pool_0")
  }

  @Test("a task's error is the future's error")
  func taskError() throws {
    try RuntimeConfiguration.canonical.run { _ in
      try withThreadPoolExecutor(maxWorkers: 1) { executor in
        let future = try executor.submit { () throws -> Int in throw Boom() }
        #expect(throws: Boom.self) { try future.result() }
        #expect(future.description.hasSuffix("state=finished raised Boom>"))
      }
    }
  }

  @Test("submit after shutdown is an error that says so")
  func submitAfterShutdown() throws {
    try RuntimeConfiguration.canonical.run { _ in
      let executor = try ThreadPoolExecutor(maxWorkers: 1)
      executor.shutdown()
      executor.shutdown()
      #expect(throws: FutureError.shutdown) { try executor.submit { 1 } }
      #expect("\(FutureError.shutdown)".contains("cannot schedule new futures after shutdown"))
    }
  }

  @Test("max workers must be positive; the default is min(32, cpu count + 4)")
  func maxWorkers() throws {
    try RuntimeConfiguration.canonical.run { rt in
      #expect(throws: FutureError.invalidArgument("max_workers must be greater than 0")) {
        try ThreadPoolExecutor(maxWorkers: 0)
      }
      #expect(throws: FutureError.self) { try ThreadPoolExecutor(maxWorkers: -1) }
      let executor = try ThreadPoolExecutor()
      #expect(executor.maxWorkers == min(32, rt.cpuCount + 4))
      executor.shutdown()
    }
  }

  @Test("threads start on demand up to the maximum, idle ones are reused, names count up")
  func onDemandThreads() throws {
    let names = try RuntimeConfiguration.canonical.run { rt -> [String] in
      let executor = try ThreadPoolExecutor(maxWorkers: 3)
      #expect(executor.threadCount == 0)
      _ = try executor.submit { 1 }.result()
      #expect(executor.threadCount == 1)
      _ = try executor.submit { 2 }.result()
      #expect(executor.threadCount == 1, "an idle thread is reused")
      let names = Log<String>()
      let futures = try (0..<6).map { _ in
        try executor.submit {
          names.append(rt.currentThreadName)
          rt.sleep(for: .seconds(1))
        }
      }
      for future in futures { try future.result() }
      #expect(executor.threadCount == 3)
      #expect(rt.now == .seconds(2))
      executor.shutdown()
      return names.all
    }
    #expect(
      Set(names) == ["ThreadPoolExecutor-0_0", "ThreadPoolExecutor-0_1", "ThreadPoolExecutor-0_2"])
  }

  @Test("executors without a prefix are numbered per runtime")
  func numbering() throws {
    let prefixes = try RuntimeConfiguration.canonical.run { _ in
      try (0..<2).map { _ in
        let executor = try ThreadPoolExecutor(maxWorkers: 1)
        defer { executor.shutdown() }
        return executor.threadNamePrefix
      }
    }
    #expect(prefixes == ["ThreadPoolExecutor-0", "ThreadPoolExecutor-1"])
  }

  @Test("the initializer runs once in each pool thread before its work")
  func initializer() throws {
    let log = try RuntimeConfiguration.canonical.run { rt -> [String] in
      let log = Log<String>()
      try withThreadPoolExecutor(
        maxWorkers: 2, threadNamePrefix: "w",
        initializer: {
          log.append("init \(rt.currentThreadName)")
        }
      ) { executor in
        let futures = try (0..<4).map { n in
          try executor.submit {
            log.append("task \(n)")
            rt.sleep(for: .seconds(1))
          }
        }
        for future in futures { try future.result() }
      }
      return log.all
    }
    #expect(log.filter { $0.hasPrefix("init") }.sorted() == ["init w_0", "init w_1"])
    #expect(log.firstIndex(of: "init w_0")! < log.firstIndex(of: "task 0")!)
    #expect(log.filter { $0.hasPrefix("task") }.count == 4)
  }

  @Test("a failing initializer breaks the pool: pending work fails, later submits fail")
  func brokenPool() throws {
    try RuntimeConfiguration.canonical.run { rt in
      let executor = try ThreadPoolExecutor(maxWorkers: 1, initializer: { throw Boom() })
      let future = try executor.submit { 1 }
      let reason = "A thread initializer failed, the thread pool is not usable anymore"
      #expect(throws: FutureError.broken(reason)) { try future.result() }
      #expect(throws: FutureError.broken(reason)) { try executor.submit { 2 } }
      executor.shutdown()
    }
  }

  @Test(
    "shutdown(wait: true) returns after queued work is done",
    arguments: RuntimeConfiguration.contractCases)
  func shutdownWaits(mode: RuntimeConfiguration) throws {
    let finished = try mode.run { rt -> Int in
      let log = Log<Int>()
      let executor = try ThreadPoolExecutor(maxWorkers: 2)
      for n in 0..<5 {
        _ = try executor.submit {
          rt.sleep(for: .seconds(1))
          log.append(n)
        }
      }
      executor.shutdown(wait: true)
      return log.all.count
    }
    #expect(finished == 5)
  }

  @Test("shutdown(cancelFutures: true) cancels what has not started")
  func shutdownCancels() throws {
    try RuntimeConfiguration.canonical.run { rt in
      let executor = try ThreadPoolExecutor(maxWorkers: 1)
      let futures = try (0..<4).map { n in
        try executor.submit {
          rt.sleep(for: .seconds(1))
          return n
        }
      }
      executor.shutdown(wait: true, cancelFutures: true)
      #expect(try futures[0].result() == 0)
      #expect(futures[1...].allSatisfy { $0.isCancelled })
      #expect(rt.now == .seconds(1))
    }
  }

  @Test("shutdown(wait: false) returns at once while the threads finish the work")
  func shutdownNoWait() throws {
    try RuntimeConfiguration.canonical.run { rt in
      let executor = try ThreadPoolExecutor(maxWorkers: 1)
      let future = try executor.submit {
        rt.sleep(for: .seconds(3))
        return "late"
      }
      executor.shutdown(wait: false)
      #expect(rt.now == .zero)
      #expect(!future.isDone)
      #expect(try future.result() == "late")
      #expect(rt.now == .seconds(3))
    }
  }

  @Test("the scoped form shuts the pool down when the body throws")
  func scopedShutdownOnThrow() throws {
    try RuntimeConfiguration.canonical.run { rt in
      let log = Log<String>()
      var leaked: ThreadPoolExecutor?
      #expect(throws: Boom.self) {
        try withThreadPoolExecutor(maxWorkers: 1) { executor in
          leaked = executor
          _ = try executor.submit {
            rt.sleep(for: .seconds(2))
            log.append("work done")
          }
          throw Boom()
        }
      }
      #expect(log.all == ["work done"], "shutdown waited for the queued work")
      #expect(throws: FutureError.shutdown) { try leaked?.submit { 1 } }
    }
  }

  @Test("work items record typed spans: id, label, lane and executor, and what blocked whom")
  func spans() throws {
    let rt = Runtime.virtual()
    try rt.run {
      try withThreadPoolExecutor(maxWorkers: 1, threadNamePrefix: "w") { executor in
        _ = try executor.submit(label: "job") { rt.sleep(for: .seconds(2)) }.result()
      }
    }
    let spans = rt.trace.events.filter {
      switch $0.kind {
      case .spanStarted, .spanEnded: return true
      default: return false
      }
    }
    #expect(
      spans == [
        TraceEvent(
          time: .zero, actor: "w_0",
          kind: .spanStarted(TaskSpan(id: 0, label: "job", lane: .thread("w_0"), executor: "w"))),
        TraceEvent(time: .seconds(2), actor: "w_0", kind: .spanEnded(id: 0)),
      ])
    let blocked = rt.trace.events.compactMap { event -> String? in
      if case .blocked(let reason) = event.kind { return "\(event.actor) \(reason)" }
      return nil
    }
    #expect(blocked.contains("MainThread waiting for a future"))
    #expect(blocked.contains("w_0 sleeping until +2s"))
  }

  @Test("with spans and blocking off, the trace keeps only output and cells")
  func quietTrace() throws {
    let rt = Runtime.virtual()
    rt.trace.recordsSpans = false
    rt.trace.recordsBlocking = false
    try rt.run {
      try withThreadPoolExecutor(maxWorkers: 2) { executor in
        _ = try executor.submit(label: "job") { rt.sleep(for: .seconds(1)) }.result()
      }
    }
    #expect(rt.trace.events.isEmpty)
  }
}
