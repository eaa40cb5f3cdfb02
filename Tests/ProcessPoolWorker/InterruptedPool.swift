import ConcurrencyRuntime
import Foundation
import Futures
import WorkerFixtures

#if canImport(Glibc)
  import Glibc
#endif

/// A process-pool run that Ctrl-C stops cleanly: what a program built on the pool does with
/// ``Interrupt``, and what the fault tests interrupt.
///
/// Six jobs on two workers: two quick ones, then four that hold for an hour. Once the quick
/// ones are done it prints `ready` and the workers' pids, one a line. Ctrl-C cancels the jobs
/// not yet started and stops the workers running the others; every job is then accounted for
/// once, in one line, and the status is 130:
///
///     ready
///     4242
///     4243
///     ^C
///     interrupted (Ctrl-C): 2 done, 2 cancelled, 2 stopped, of 6 jobs
enum InterruptedPool {
  static func run() -> Int32 {
    Interrupt.install()
    let executor: ProcessPoolExecutor
    var futures: [Future<Int>] = []
    do {
      executor = try ProcessPoolExecutor(maxWorkers: 2, registry: WorkerFixtures.registry)
      futures = try (0..<2).map { try executor.submit(WorkerFixtures.square, $0) }
      for future in futures { _ = try future.result() }
      futures += try (0..<4).map { _ in try executor.submit(WorkerFixtures.hold, 3600) }
    } catch {
      StandardStream.error.write("lessons-test-worker: \(error)\n")
      return 1
    }
    Interrupt.onInterrupt {
      executor.shutdown(wait: false, cancelFutures: true)
      for worker in executor.workerProcesses { worker.kill(signal: SIGTERM) }
    }
    // The holds are started (or queued) by now: the pids are the workers holding them.
    StandardStream.output.write(
      "ready\n" + executor.workerProcesses.map { "\($0.pid)\n" }.joined())
    var done = 0
    var cancelled = 0
    var stopped = 0
    for future in futures {
      do {
        _ = try future.result()
        done += 1
      } catch FutureError.cancelled {
        cancelled += 1
      } catch {
        stopped += 1
      }
    }
    executor.shutdown(wait: true)
    StandardStream.output.write(
      "interrupted (Ctrl-C): \(done) done, \(cancelled) cancelled, \(stopped) stopped, "
        + "of \(futures.count) jobs\n")
    return Interrupt.isRequested ? Interrupt.exitStatus : 0
  }
}
