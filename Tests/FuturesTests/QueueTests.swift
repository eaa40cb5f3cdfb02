import ConcurrencyRuntime
import Futures
import Testing

@Suite("Queue")
struct QueueTests {
  @Test("items come out in the order they went in", arguments: RuntimeConfiguration.contractCases)
  func firstInFirstOut(mode: RuntimeConfiguration) throws {
    let taken = try mode.run { runtime in
      let queue = Queue<Int>(runtime: runtime)
      for n in 0..<200 { queue.put(n) }
      #expect(queue.count == 200)
      return (0..<200).map { _ in queue.get() }
    }
    #expect(taken == Array(0..<200))
  }

  @Test("get blocks until another thread puts", arguments: RuntimeConfiguration.contractCases)
  func getBlocks(mode: RuntimeConfiguration) throws {
    let log = Log<String>()
    try mode.run { runtime in
      let queue = Queue<String>(runtime: runtime)
      let consumer = runtime.spawn(name: "consumer") {
        log.append("waiting")
        log.append("got \(queue.get())")
      }
      runtime.sleep(for: .milliseconds(200))
      log.append("putting")
      queue.put("CN")
      consumer.join()
    }
    // Live, the consumer may start waiting before or after the put; either way it gets the
    // item only once it has been put.
    #expect(Set(log.all) == ["waiting", "putting", "got CN"])
    #expect(log.all.last == "got CN")
  }

  @Test("in virtual time a blocked get wakes exactly when the item is put")
  func getWakesOnPut() throws {
    let woke = try RuntimeConfiguration.canonical.run { runtime in
      let queue = Queue<Int>(runtime: runtime)
      let producer = runtime.spawn(name: "producer") {
        runtime.sleep(for: .seconds(3))
        queue.put(7)
      }
      #expect(queue.get() == 7)
      producer.join()
      return runtime.now
    }
    #expect(woke == .seconds(3))
  }

  @Test(
    "workers fed by one queue take every item exactly once",
    arguments: RuntimeConfiguration.contractCases)
  func workersShareTheWork(mode: RuntimeConfiguration) throws {
    let taken = Log<Int>()
    let takers = Log<String>()
    try mode.run { runtime in
      let queue = Queue<Int?>(runtime: runtime)
      let workers = (1...4).map { n in
        runtime.spawn(name: "worker-\(n)") {
          while let item = queue.get() {
            taken.append(item)
            takers.append("worker-\(n)")
            runtime.sleep(for: .milliseconds(10))
          }
        }
      }
      for n in 0..<100 { queue.put(n) }
      for _ in workers { queue.put(nil) }
      for worker in workers { worker.join() }
      #expect(queue.isEmpty)
    }
    #expect(taken.all.sorted() == Array(0..<100))
    #expect(Set(takers.all).count > 1, "the work is shared: \(Set(takers.all))")
  }

  @Test("a bounded queue makes put wait while it is full")
  func boundedPutWaits() throws {
    let log = Log<String>()
    try RuntimeConfiguration.canonical.run { runtime in
      let queue = Queue<Int>(maxSize: 2, runtime: runtime)
      let producer = runtime.spawn(name: "producer") {
        for n in 0..<4 {
          queue.put(n)
          log.append("put \(n) at \(runtime.now)")
        }
      }
      runtime.sleep(for: .seconds(1))
      #expect(queue.isFull)
      for _ in 0..<4 {
        log.append("got \(queue.get()) at \(runtime.now)")
        runtime.sleep(for: .seconds(1))
      }
      producer.join()
    }
    #expect(
      log.all == [
        "put 0 at 0.0 seconds", "put 1 at 0.0 seconds", "got 0 at 1.0 seconds",
        "put 2 at 1.0 seconds", "got 1 at 2.0 seconds", "put 3 at 2.0 seconds",
        "got 2 at 3.0 seconds", "got 3 at 4.0 seconds",
      ])
  }

  @Test("time-outs: get throws empty and put throws full once they pass, not before")
  func timeOuts() throws {
    try RuntimeConfiguration.canonical.run { runtime in
      let queue = Queue<Int>(maxSize: 1, runtime: runtime)
      #expect(throws: QueueError.empty) { try queue.get(timeout: .seconds(2)) }
      #expect(runtime.now == .seconds(2))
      #expect(throws: QueueError.empty) { try queue.get(timeout: .zero) }
      try queue.put(1, timeout: .zero)
      #expect(throws: QueueError.full) { try queue.put(2, timeout: .seconds(1)) }
      #expect(runtime.now == .seconds(3))
      let consumer = runtime.spawn(name: "consumer") {
        runtime.sleep(for: .milliseconds(500))
        _ = queue.get()
      }
      try queue.put(3, timeout: .seconds(1))
      #expect(runtime.now == .milliseconds(3500))
      #expect(try queue.get(timeout: .zero) == 3)
      consumer.join()
    }
  }

  @Test("join waits until every item is marked done; one taskDone too many throws")
  func joinAndTaskDone() throws {
    let log = Log<String>()
    try RuntimeConfiguration.canonical.run { runtime in
      let queue = Queue<String>(runtime: runtime)
      queue.put("BR")
      queue.put("CN")
      let worker = runtime.spawn(name: "worker") {
        for _ in 0..<2 {
          let code = queue.get()
          runtime.sleep(for: .seconds(1))
          log.append("done \(code)")
          do {
            try queue.taskDone()
          } catch {
            log.append("taskDone threw \(error)")
          }
        }
      }
      queue.join()
      log.append("joined at \(runtime.now)")
      worker.join()
      #expect(throws: QueueError.tooManyTaskDone) { try queue.taskDone() }
    }
    #expect(log.all == ["done BR", "done CN", "joined at 2.0 seconds"])
  }

  @Test("errors describe themselves as Python's messages do")
  func descriptions() {
    #expect("\(QueueError.tooManyTaskDone)" == "task_done() called too many times")
    #expect("\(QueueError.empty)" == "the queue stayed empty")
  }
}
