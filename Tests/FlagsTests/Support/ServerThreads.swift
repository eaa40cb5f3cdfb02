import Foundation

/// The number of threads of the server on `port` in this process.
///
/// Counts the entries of `/proc/self/task` whose name (`comm`) is one the server gives its
/// threads, `flags <port> acc` or `flags <port> con`: other tests run servers and threads
/// of their own in the same process at the same time, so the total would not settle.
func serverThreadCount(port: UInt16) -> Int {
  let tasks = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/task")) ?? []
  let prefix = "flags \(port) "
  return tasks.filter { task in
    let name = try? String(contentsOfFile: "/proc/self/task/\(task)/comm", encoding: .utf8)
    return name?.hasPrefix(prefix) == true
  }.count
}

/// Polls `condition` every 20 ms until it holds or `limit` has passed; whether it held.
///
/// For waiting on something that must happen eventually, with a generous bound so a slow
/// machine cannot fail the test: the bound is not a claim about speed.
func eventually(within limit: Duration = .seconds(10), _ condition: () -> Bool) -> Bool {
  let end = ContinuousClock.now + limit
  while ContinuousClock.now < end {
    if condition() { return true }
    usleep(20_000)
  }
  return condition()
}
