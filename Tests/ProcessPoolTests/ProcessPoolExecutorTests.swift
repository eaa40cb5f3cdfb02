import ConcurrencyRuntime
import Foundation
import Futures
import Testing
import WorkerFixtures

#if canImport(Glibc)
  import Glibc
#endif

/// One test at a time, so that each can check the process table for workers left behind.
@Suite("ProcessPoolExecutor", .serialized)
struct ProcessPoolExecutorTests {
  @Test(
    "submit runs the function in a worker process and its future holds the result",
    arguments: Mode.allCases)
  func submit(mode: Mode) throws {
    let pids = Log<Int32>()
    let (value, place) = try mode.run { rt -> (Int, Place) in
      try withProcessPoolExecutor(
        maxWorkers: 2, registry: WorkerFixtures.registry, command: workerCommand, runtime: rt
      ) { executor in
        let value = try executor.submit(WorkerFixtures.square, 7).result()
        let place = try executor.submit(WorkerFixtures.whereAmI, 0).result()
        workerPIDs(executor, into: pids)
        return (value, place)
      }
    }
    #expect(value == 49)
    switch mode {
    case .live:
      #expect(place.pid != getpid())
      #expect(pids.all == [place.pid])
    case .virtual:
      #expect(place.thread == "ProcessPoolExecutor-0_0")
    }
    #expect(!pids.all.contains(where: ProcessTable.isOurChild), "no worker left behind")
  }

  @Test("map and asCompleted see results in input and completion order", arguments: Mode.allCases)
  func mapAndAsCompleted(mode: Mode) throws {
    let (mapped, completed, elapsed) = try mode.run { rt -> ([Int], Set<Int>, Duration) in
      try withProcessPoolExecutor(
        maxWorkers: 2, registry: WorkerFixtures.registry, command: workerCommand, runtime: rt
      ) { executor in
        let mapped = try executor.map(WorkerFixtures.square, 1...6).map { try $0.get() }
        let elapsed = rt.now
        let futures = try (1...4).map { try executor.submit(WorkerFixtures.square, $0) }
        let completed = try Set(asCompleted(futures).map { try $0.result() })
        return (mapped, completed, elapsed)
      }
    }
    #expect(mapped == [1, 4, 9, 16, 25, 36])
    #expect(completed == [1, 4, 9, 16])
    if mode == .virtual {
      #expect(elapsed == .seconds(3), "six one-second jobs on two workers and two CPUs")
    }
  }

  @Test("workers start on demand, up to the maximum, and are reused", arguments: Mode.allCases)
  func onDemand(mode: Mode) throws {
    let (first, afterOne, places) = try mode.run { rt -> (Int, Int, Set<Place>) in
      let executor = try makePool(maxWorkers: 3, runtime: rt)
      defer { executor.shutdown() }
      let first = executor.workerProcesses.count
      _ = try executor.submit(WorkerFixtures.whereAmI, 0).result()
      _ = try executor.submit(WorkerFixtures.whereAmI, 0).result()
      let afterOne = executor.workerProcesses.count
      let futures = try (0..<9).map { _ in try executor.submit(WorkerFixtures.whereAmI, 0) }
      let places = try Set(futures.map { try $0.result() })
      #expect(executor.workerProcesses.count <= 3)
      return (first, afterOne, places)
    }
    #expect(first == 0)
    #expect(afterOne == 1, "an idle worker is reused")
    #expect(places.count <= 3 && !places.isEmpty)
  }

  @Test("max workers must be positive, as max tasks per child; the default is the CPU count")
  func arguments() throws {
    try Mode.virtual.run { rt in
      #expect(throws: FutureError.invalidArgument("max_workers must be greater than 0")) {
        try makePool(maxWorkers: 0, runtime: rt)
      }
      #expect(throws: FutureError.invalidArgument("max_tasks_per_child must be >= 1")) {
        try makePool(maxTasksPerChild: 0, runtime: rt)
      }
      let executor = try makePool(runtime: rt)
      #expect(executor.maxWorkers == 2)
      #expect(executor.namePrefix == "ProcessPoolExecutor-0", "numbered once valid")
      executor.shutdown()
    }
  }

  @Test("maxTasksPerChild replaces a worker after that many jobs", arguments: Mode.allCases)
  func maxTasksPerChild(mode: Mode) throws {
    let pids = Log<Int32>()
    let places = try mode.run { rt -> [Place] in
      let executor = try makePool(maxWorkers: 1, maxTasksPerChild: 2, runtime: rt)
      defer { executor.shutdown() }
      return try (0..<5).map { _ in
        let place = try executor.submit(WorkerFixtures.whereAmI, 0).result()
        pids.append(place.pid)
        return place
      }
    }
    #expect(places[0] == places[1])
    #expect(places[2] == places[3])
    #expect(Set(places).count == 3)
    if mode == .virtual {
      #expect(places.map(\.thread).last == "ProcessPoolExecutor-0_2")
    } else {
      #expect(!pids.all.contains(where: ProcessTable.isOurChild), "retired workers are reaped")
    }
  }

  @Test(
    "an error thrown in a worker keeps its type name and message, and says where",
    arguments: Mode.allCases)
  func remoteError(mode: Mode) throws {
    let (error, description, after) = try mode.run { rt -> (RemoteError?, String, Int) in
      try withProcessPoolExecutor(
        maxWorkers: 1, registry: WorkerFixtures.registry, command: workerCommand, runtime: rt
      ) { executor in
        let future = try executor.submit(WorkerFixtures.fail, "the answer is not 42")
        let error = (try future.exception()) as? RemoteError
        return (error, future.description, try executor.submit(WorkerFixtures.square, 3).result())
      }
    }
    let remote = try #require(error)
    #expect(remote.typeName == "Boom")
    #expect(remote.message == "the answer is not 42")
    #expect(remote.function == "fail")
    #expect(remote.worker == "ProcessPoolExecutor-0_0")
    #expect(
      remote.description.hasPrefix(
        "Boom: the answer is not 42 (raised by 'fail' in worker ProcessPoolExecutor-0_0, pid "))
    #expect(description.hasSuffix("state=finished raised Boom>"))
    #expect(after == 9, "the pool still works")
  }

  @Test("an argument that cannot be encoded fails its own future only", arguments: Mode.allCases)
  func unencodableArgument(mode: Mode) throws {
    let (failure, other) = try mode.run { rt -> ((any Error)?, Double) in
      try withProcessPoolExecutor(
        maxWorkers: 1, registry: WorkerFixtures.registry, command: workerCommand, runtime: rt
      ) { executor in
        let bad = try executor.submit(WorkerFixtures.halve, .nan)
        let good = try executor.submit(WorkerFixtures.halve, 3)
        return ((try bad.exception()), try good.result())
      }
    }
    #expect(failure is EncodingError)
    #expect(other == 1.5)
  }

  @Test("a result that cannot be encoded fails its own future only", arguments: Mode.allCases)
  func unencodableResult(mode: Mode) throws {
    let (failure, other) = try mode.run { rt -> (RemoteError?, Int) in
      try withProcessPoolExecutor(
        maxWorkers: 1, registry: WorkerFixtures.registry, command: workerCommand, runtime: rt
      ) { executor in
        let bad = try executor.submit(WorkerFixtures.infinity, 0)
        return (
          (try bad.exception()) as? RemoteError,
          try executor.submit(WorkerFixtures.square, 4).result()
        )
      }
    }
    #expect(failure?.typeName == "EncodingError")
    #expect(other == 16)
  }

  @Test("a function the worker does not host fails its own future only", arguments: Mode.allCases)
  func unknownFunction(mode: Mode) throws {
    let cube = WorkerFunction<Int, Int>("cube") { $0 * $0 * $0 }
    let (failure, other) = try mode.run { rt -> (RemoteError?, Int) in
      try withProcessPoolExecutor(
        maxWorkers: 1, registry: WorkerFixtures.registry, command: workerCommand, runtime: rt
      ) { executor in
        let bad = try executor.submit(cube, 2)
        return (
          (try bad.exception()) as? RemoteError,
          try executor.submit(WorkerFixtures.square, 5).result()
        )
      }
    }
    #expect(failure?.typeName == "UnknownWorkerFunction")
    #expect(failure?.message == "no worker function named 'cube' is registered in this worker")
    #expect(other == 25)
  }

  @Test(
    "a killed worker breaks the pool: running and pending futures fail and say who died and how, later submits fail",
    arguments: Mode.allCases)
  func killedWorker(mode: Mode) throws {
    let pids = Log<Int32>()
    let errors = try mode.run { rt -> [String] in
      let executor = try makePool(maxWorkers: 1, runtime: rt)
      defer { executor.shutdown() }
      let running = try executor.submit(WorkerFixtures.hold, 600)
      let pending = try executor.submit(WorkerFixtures.hold, 1)
      workerPIDs(executor, into: pids)
      let worker = try #require(executor.workerProcesses.first)
      worker.kill(signal: SIGKILL)
      var errors = [(try running.exception()), (try pending.exception())].map {
        "\($0.map { "\($0)" } ?? "none")"
      }
      do {
        _ = try executor.submit(WorkerFixtures.square, 1)
        errors.append("submit went through")
      } catch {
        errors.append("\(error)")
      }
      return errors
    }
    let pid = mode == .live ? "\(pids.all.first ?? 0)" : "1000"
    let cause = "ProcessPoolExecutor-0_0 (pid \(pid)) was killed by signal 9 (SIGKILL)"
    #expect(
      errors[0]
        == "BrokenProcessPool: A process in the process pool was terminated abruptly while the "
        + "future was running or pending: \(cause)")
    #expect(errors[1] == errors[0])
    #expect(
      errors[2]
        == "BrokenProcessPool: A child process terminated abruptly, the process pool is not usable "
        + "anymore: \(cause)")
    #expect(!pids.all.contains(where: ProcessTable.isOurChild), "the killed worker is reaped")
  }

  @Test("a worker that exits breaks the pool", arguments: Mode.allCases)
  func exitingWorker(mode: Mode) throws {
    let message = try mode.run { rt -> String in
      try withProcessPoolExecutor(
        maxWorkers: 2, registry: WorkerFixtures.registry, command: workerCommand, runtime: rt
      ) { executor in
        let other = try executor.submit(WorkerFixtures.hold, 600)
        let exiting = try executor.submit(WorkerFixtures.exitWith, 3)
        #expect(throws: FutureError.self) { try other.result() }
        return (try exiting.exception()).map { "\($0)" } ?? "none"
      }
    }
    #expect(message.hasPrefix("BrokenProcessPool: "))
    #expect(message.contains("ProcessPoolExecutor-0_1 (pid "))
    #expect(message.hasSuffix(") exited with status 3"))
  }

  @Test("a worker that crashes breaks the pool, and a worker's stray output garbles nothing")
  func crashingWorker() throws {
    let pids = Log<Int32>()
    let (echo, message) = try Mode.live.run { rt -> (String, String) in
      try withProcessPoolExecutor(
        maxWorkers: 1, registry: WorkerFixtures.registry, command: workerCommand, runtime: rt
      ) { executor in
        let echo = try executor.submit(WorkerFixtures.chatty, "hello").result()
        workerPIDs(executor, into: pids)
        let crash = try executor.submit(WorkerFixtures.crash, SIGTERM)
        return (echo, (try crash.exception()).map { "\($0)" } ?? "none")
      }
    }
    #expect(echo == "hello")
    #expect(message.hasSuffix(") was killed by signal 15 (SIGTERM)"))
    #expect(!pids.all.contains(where: ProcessTable.isOurChild))
  }

  @Test(
    "shutdown(wait: true) finishes the queued work, then every worker exits and is reaped",
    arguments: Mode.allCases)
  func shutdownWaits(mode: Mode) throws {
    let pids = Log<Int32>()
    let (results, statuses) = try mode.run { rt -> ([Int?], [ProcessExit?]) in
      let executor = try makePool(maxWorkers: 2, runtime: rt)
      let futures = try (1...5).map { try executor.submit(WorkerFixtures.square, $0) }
      let processes = executor.workerProcesses
      workerPIDs(executor, into: pids)
      executor.shutdown(wait: true)
      #expect(executor.workerProcesses.isEmpty)
      #expect(throws: FutureError.shutdown) { try executor.submit(WorkerFixtures.square, 1) }
      executor.shutdown()
      return (futures.map { $0.isDone ? try? $0.result() : nil }, processes.map(\.exitStatus))
    }
    #expect(results == [1, 4, 9, 16, 25])
    #expect(statuses == [.exited(0), .exited(0)])
    #expect(!pids.all.contains(where: ProcessTable.isOurChild))
  }

  @Test("shutdown(cancelFutures: true) cancels what has not started", arguments: Mode.allCases)
  func shutdownCancels(mode: Mode) throws {
    let states = try mode.run { rt -> [FutureState] in
      let executor = try makePool(maxWorkers: 1, runtime: rt)
      let running = try executor.submit(WorkerFixtures.hold, 1)
      let queued = try (1...3).map { try executor.submit(WorkerFixtures.square, $0) }
      executor.shutdown(wait: true, cancelFutures: true)
      #expect(try running.result() == 1)
      return queued.map(\.state)
    }
    #expect(states == [.cancelled, .cancelled, .cancelled])
  }

  @Test(
    "shutdown(wait: false) returns at once; the work still finishes and the workers go",
    arguments: Mode.allCases)
  func shutdownWithoutWaiting(mode: Mode) throws {
    let pids = Log<Int32>()
    let (returnedAt, results) = try mode.run { rt -> (Duration, [Int]) in
      let executor = try makePool(maxWorkers: 2, runtime: rt)
      let futures = try (0..<3).map { _ in try executor.submit(WorkerFixtures.hold, 1) }
      workerPIDs(executor, into: pids)
      executor.shutdown(wait: false)
      let returnedAt = rt.now
      let results = try futures.map { try $0.result() }
      executor.shutdown(wait: true)
      return (returnedAt, results)
    }
    if mode == .virtual { #expect(returnedAt == .zero) }
    #expect(results == [1, 1, 1])
    #expect(!pids.all.contains(where: ProcessTable.isOurChild))
  }

  @Test("jobs are traced as spans on their worker process's lane")
  func spans() throws {
    let runtime = Runtime.virtual(cpuCount: 2)
    try runtime.run {
      try withProcessPoolExecutor(
        maxWorkers: 2, registry: WorkerFixtures.registry, command: workerCommand, runtime: runtime
      ) { executor in
        _ = try executor.map(WorkerFixtures.square, [3, 4]).map { try $0.get() }
      }
    }
    let events = runtime.trace.events
    let started = events.compactMap { event -> (Duration, TaskSpan)? in
      guard case .spanStarted(let span) = event.kind else { return nil }
      return (event.time, span)
    }
    #expect(started.map(\.1.label) == ["square(3)", "square(4)"])
    #expect(
      started.map(\.1.lane) == [
        .process("ProcessPoolExecutor-0_0"), .process("ProcessPoolExecutor-0_1"),
      ])
    #expect(started.allSatisfy { $0.0 == .zero && $0.1.executor == "ProcessPoolExecutor-0" })
    let ended = events.filter {
      if case .spanEnded = $0.kind { return true }
      return false
    }
    #expect(ended.map(\.time) == [.seconds(1), .seconds(1)])
    #expect(Set(ended.map(\.actor)) == ["ProcessPoolExecutor-0_0", "ProcessPoolExecutor-0_1"])
  }

  @Test("more workers than virtual CPUs take longer: the work queues for a CPU")
  func virtualCores() throws {
    let elapsed = try Runtime.virtual(cpuCount: 2).run {
      let runtime = Runtime.current
      return try withProcessPoolExecutor(
        maxWorkers: 4, registry: WorkerFixtures.registry, command: workerCommand, runtime: runtime
      ) { executor in
        _ = try executor.map(WorkerFixtures.square, 1...4).map { try $0.get() }
        return runtime.now
      }
    }
    #expect(elapsed == .seconds(2))
  }

  @Test("every seed gives the same results", arguments: [1, 2, 3, 4, 5] as [UInt64])
  func seeds(seed: UInt64) throws {
    let runtime = Runtime.virtual(seed: seed, cpuCount: 2)
    let results = try runtime.run {
      try withProcessPoolExecutor(
        maxWorkers: 2, registry: WorkerFixtures.registry, command: workerCommand, runtime: runtime
      ) { executor in
        try executor.map(WorkerFixtures.square, 1...5).map { try $0.get() }
      }
    }
    #expect(results == [1, 4, 9, 16, 25])
  }

  @Test("a thread pool runs the same worker functions, in this process", arguments: Mode.allCases)
  func threadPool(mode: Mode) throws {
    let (value, results) = try mode.run { rt -> (Int, [Int]) in
      try withThreadPoolExecutor(maxWorkers: 2, runtime: rt) { executor in
        let value = try executor.submit(WorkerFixtures.square, 6).result()
        let results = try executor.map(WorkerFixtures.square, 1...3).map { try $0.get() }
        return (value, results)
      }
    }
    #expect(value == 36)
    #expect(results == [1, 4, 9])
  }
}
