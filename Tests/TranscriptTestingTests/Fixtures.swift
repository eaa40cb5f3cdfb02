import ConcurrencyRuntime
import Futures
import TranscriptTesting

/// Three jobs of 3, 1 and 2 seconds on a pool of two threads, each announcing its end; the
/// results come back in input order whatever order the jobs end in.
@Sendable func threeJobs() throws {
  let console = Runtime.current.console
  try withThreadPoolExecutor(maxWorkers: 2) { pool in
    let futures = try [3, 1, 2].map { seconds in
      try pool.submit {
        Runtime.current.sleep(for: .seconds(seconds))
        console.display("job \(seconds) done")
        return seconds * 10
      }
    }
    for future in futures { console.display("result \(try future.result())") }
  }
}

/// Two threads that each print their name: nothing orders them.
@Sendable func twoThreads() {
  let runtime = Runtime.current
  let threads = ["A", "B"].map { name in runtime.spawn(name: name) { runtime.console.display(name) }
  }
  for thread in threads { thread.join() }
}

/// Deliberately wrong about ``twoThreads``: the canonical schedule keeps it, some seeds not.
let aBeforeB = RunInvariant("A prints before B") { run in
  guard let a = run.output.range(of: "] A"), let b = run.output.range(of: "] B") else {
    return "a line is missing"
  }
  return a.lowerBound < b.lowerBound ? nil : "B came first"
}
