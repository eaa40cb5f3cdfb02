import ConcurrencyRuntime
import Foundation

// What 17.3's CPU-bound cells call besides the job itself: the jobs, sized for the machine,
// a stopwatch on the runtime's clock, and the book's Table 17-1.

/// `count` jobs for 17.3's CPU-bound cells, seeds 0 to `count - 1`, all of one size.
///
/// Live, the size is what one core here hashes in about `target` of lesson time, measured by
/// hashing 256 KiB first and rounded to a power of two from 16 KiB to 64 MiB: the cells then
/// take seconds whether the build is a debug or a release one, and at any `--speed`. In
/// virtual time, where each job stands for a second of CPU (see `sha`), they hash 1 KiB
/// each, so that a replay stays instant.
///
///     shaJobs(count: 2)   // [DigestJob(seed: 0, size: 1024), DigestJob(seed: 1, size: 1024)]
func shaJobs(count: Int, target: Duration = .milliseconds(200)) -> [DigestJob] {
  let size = jobSize(target: target)
  return (0..<count).map { DigestJob(seed: UInt64($0), size: size) }
}

/// The size of a job that takes about `target` on one core here (1 KiB in virtual time).
private func jobSize(target: Duration) -> Int {
  let runtime = Runtime.current
  guard runtime.capabilities.codeTakesTime else { return 1024 }
  let sample = 256 * 1024
  let (took, _) = timed { sha(DigestJob(seed: 0, size: sample)) }
  let perSecond = Double(sample) / max(took.seconds, 1e-6)
  let power = log2(perSecond * target.seconds).rounded()
  return 1 << Int(min(max(power, 14), 26))
}

/// `1 KiB`, `512 KiB`, `2 MiB`: a job's size as the cells print it.
func byteCount(_ bytes: Int) -> String {
  bytes >= 1 << 20 && bytes % (1 << 20) == 0
    ? "\(bytes >> 20) MiB" : bytes % 1024 == 0 ? "\(bytes >> 10) KiB" : "\(bytes) bytes"
}

/// Runs `body` and returns how long it took on the runtime's clock, with its result.
///
///     let (took, answer) = timed { sha(job) }
func timed<T>(_ body: () throws -> T) rethrows -> (Duration, T) {
  let runtime = Runtime.current
  let start = runtime.now
  let result = try body()
  return (runtime.now - start, result)
}

/// The book's Table 17-1 for 17.3: for each number of workers, how long each way of running
/// the jobs took and its speed-up over one worker of the same way; then whether every run
/// computed the same digests, which a learner would otherwise take on trust.
///
///     var table = SpeedupTable(["threads", "processes"])
///     table.add(workers: 1, [(.seconds(12), answers), (.seconds(12), answers)])
///     table.add(workers: 2, [(.seconds(6), answers), (.seconds(6), answers)])
///     print(table.text)
///     // workers  threads          processes
///     //       1  12.00s  1.00x    12.00s  1.00x
///     //       2   6.00s  2.00x     6.00s  2.00x
///     // Every run computed the same 12 digests.
struct SpeedupTable {
  /// The ways of running the jobs, one column each.
  let ways: [String]
  private var rows: [(workers: Int, times: [Duration])] = []
  private var digests: [String]?
  private var runsThatDiffer = 0

  /// An empty table with a column for each of `ways`.
  init(_ ways: [String]) { self.ways = ways }

  /// Adds the row of `workers`: each way's run, its time and its answers, in column order.
  mutating func add(workers: Int, _ runs: [(Duration, [DigestAnswer])]) {
    rows.append((workers, runs.map(\.0)))
    for (_, answers) in runs {
      let computed = answers.map(\.digest)
      if let digests, digests != computed { runsThatDiffer += 1 }
      digests = digests ?? computed
    }
  }

  /// The table, a line per number of workers, and a line on the digests.
  var text: String {
    func cell(_ text: String) -> String { text.padding(toLength: 17, withPad: " ", startingAt: 0) }
    var header = "workers  " + ways.map(cell).joined()
    while header.last == " " { header.removeLast() }
    var text = header + "\n"
    let base = rows.first?.times ?? []
    for row in rows {
      var line = String(repeating: " ", count: max(0, 7 - "\(row.workers)".count))
      line += "\(row.workers)  "
      for (column, time) in row.times.enumerated() {
        let one = column < base.count ? base[column].seconds : time.seconds
        let speedUp = time > .zero ? one / time.seconds : 0
        line += cell(String(format: "%6.2fs %5.2fx", time.seconds, speedUp))
      }
      while line.last == " " { line.removeLast() }
      text += line + "\n"
    }
    let count = digests?.count ?? 0
    text +=
      runsThatDiffer == 0
      ? "Every run computed the same \(count) digest\(count == 1 ? "" : "s").\n"
      : "\(runsThatDiffer) runs computed other digests than the first!\n"
    return text
  }

  /// Prints ``text`` on the console.
  func show() { Runtime.current.console.write(text) }
}
