/// The work both sides of `lessons-bench virtual-async` run: a task group of 20 children,
/// child `i` sleeping 1 to 5 seconds (four children per length, so sleepers fall due together)
/// and logging when it is done, then the parent logging the count.
///
///     // [09:00:01] child 0 done
///     // [09:00:01] child 5 done
///     // …
///     // [09:00:05] 20 children done
enum TwentyChildren {
  static let count = 20

  /// How long child `i` sleeps.
  static func latency(_ i: Int) -> Duration { .seconds(1 + i * 7 % 5) }

  /// Runs the group, sleeping with `sleep` and logging with `log`.
  static func run(
    sleep: @escaping @Sendable (Duration) async throws -> Void,
    log: @escaping @Sendable (String) -> Void
  ) async throws {
    try await withThrowingTaskGroup(of: Int.self) { group in
      for i in 0..<count {
        group.addTask {
          try await sleep(latency(i))
          log("child \(i) done")
          return i
        }
      }
      var finished = 0
      for try await _ in group { finished += 1 }
      log("\(finished) children done")
    }
  }

  /// Why `output` is not a whole run (every child once, then the count), or nil.
  static func problem(in output: String) -> String? {
    let lines = output.split(separator: "\n")
    let children = Set(
      lines.compactMap { line in
        line.contains("] child ") ? line.split(separator: " ").dropFirst(2).first : nil
      })
    guard lines.count == count + 1, children.count == count,
      lines.last?.hasSuffix("] \(count) children done") == true,
      lines.last?.hasPrefix("[09:00:05]") == true
    else { return "an unexpected transcript: \(lines.prefix(3)) …" }
    return nil
  }
}
