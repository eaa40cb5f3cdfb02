import ConcurrencyRuntime
// lessons-test-worker: hosts the process-pool tests' worker functions.
//
//     lessons-test-worker worker       a worker: jobs on standard input, answers on output
//     lessons-test-worker parent N     starts a pool of N workers each holding a job, prints
//                                      their pids one a line, and waits to be killed
//     lessons-test-worker interruptible
//                                      a pool run that Ctrl-C stops cleanly (InterruptedPool)
import Foundation
import Futures
import Stress
import WorkerFixtures

#if canImport(Glibc)
  import Glibc
#endif

let arguments = Array(CommandLine.arguments.dropFirst())

switch arguments.first {
case "worker":
  var registry = WorkerFixtures.registry
  ProcessPoolStress.register(in: &registry)
  WorkerHost.run(registry: registry)
case "parent":
  let count = arguments.dropFirst().first.flatMap { Int($0) } ?? 2
  let executor = try ProcessPoolExecutor(maxWorkers: count, registry: WorkerFixtures.registry)
  let futures = try (0..<count).map { _ in try executor.submit(WorkerFixtures.hold, 3600) }
  for process in executor.workerProcesses {
    StandardStream.output.write("\(process.pid)\n")
  }
  _ = try futures.first?.result()
  exit(0)
case "interruptible":
  exit(InterruptedPool.run())
default:
  StandardStream.error.write("usage: lessons-test-worker worker | parent N | interruptible\n")
  exit(2)
}
