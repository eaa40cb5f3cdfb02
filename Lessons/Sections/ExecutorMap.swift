import ConcurrencyRuntime
import Futures
import Notebook

// 17.4 Experimenting with Executor.map

// cell: loiter
/// Says it starts, does nothing for `n` seconds, says it is done, and
/// returns `n * 10`. Each level of `n` is indented by one more tab, so
/// the threads' lines stand apart.
func loiter(_ n: Int) -> Int {
  let tabs = String(repeating: "\t", count: n)
  display("\(tabs)loiter(\(n)): doing nothing for \(n)s...")
  sleep(seconds: n)
  display("\(tabs)loiter(\(n)): done.")
  return n * 10
}
// end cell

/// Section 17.4: what `Executor.map` does with five slow calls and three threads.
enum ExecutorMap {
  static let section = Section(
    id: "17.4",
    title: "Experimenting with Executor.map",
    // The knobs of the experiment's cell, In [2]: `lessons 17.4 --set workers=5`. Past
    // loiter(4), loiter's tabs push its lines beyond 80 columns, hence at most 5 calls.
    parameters: [
      .integer("workers", default: 3, in: 1...10, help: "threads in the pool"),
      .integer("calls", default: 5, in: 1...5, help: "calls of loiter, from loiter(0)"),
    ],
    blocks: [
      prose(
        """
        Executor.map looks like the built-in map, but it hands every call to the
        pool's threads at once and gives back the results lazily, in the order of the
        inputs. Two questions make it worth a closer look: when does map return, and
        when does each result arrive?

        To watch it happen we need a function that takes a known time. loiter(n) does
        nothing for n seconds and returns n * 10; every line it prints is stamped with
        the time and indented by n tabs, so each call's lines form their own column.
        """),
      define("loiter"),
      prose(
        """
        Now five calls, loiter(0) to loiter(4), on a pool of three threads. Watch the
        stamps: map itself returns at once, before any call has finished, because all
        it does is submit five tasks and wrap their futures. Asking for a result is
        what waits: each step of the loop blocks until that future is done, in input
        order, even if a later one finished first.
        """),
      cell("executor-map") {
        display("Script starting.")
        try withThreadPoolExecutor(maxWorkers: parameters.workers) { executor in
          let results = try executor.map(loiter, 0..<parameters.calls)
          display("results: \(results)")
          display("Waiting for individual results:")
          for (i, result) in results.enumerated() {
            display("result \(i): \(try result.get())")
          }
        }
      },
      prose(
        """
        Read the timeline. The three threads take loiter(0), loiter(1) and loiter(2)
        at once; loiter(0) returns straight away, so its thread picks up loiter(3)
        while the main thread is still printing. loiter(4) has to wait for a free
        thread, and gets the one loiter(1) leaves after a second. The results arrive
        at +0, +1, +2, +3 and +5 seconds, and the whole run takes 5 seconds instead of
        the 10 that the same calls take one after another.

        The loop reads results in input order, so a slow early call holds back every
        result behind it, even one that is ready. When you want results as soon as
        each is ready, use asCompleted, as the flag downloads of 17.1 and 17.5 do.
        """),
      prose(
        """
        Which thread finishes first is up to the scheduler; the order of map's results
        is not. Here five calls that each take one second run on three threads, twice,
        in virtual time under two seeds: two valid interleavings, each the same again
        for the same seed. The calls end in a different order, and the results come
        back in input order both times.
        """),
      cell("two-seeds") {
        @Sendable func call(_ n: Int) -> Int {
          sleep(seconds: 1)
          display("call \(n) done")
          return n * 10
        }
        let runs = try [1, 2].map { seed in
          try linesPrinted(seed: seed) {
            try withThreadPoolExecutor(maxWorkers: 3) { executor in
              for result in try executor.map(call, 0..<5) {
                display("result \(try result.get())")
              }
            }
          }
        }
        sideBySide(runs, titles: ["seed 1", "seed 2"])
      },
    ],
    // What every interleaving keeps, whichever thread the scheduler runs first, for the
    // values of the knobs in force.
    invariants: [
      Invariant("result i after loiter(i) done") { run in
        let cell = MapRun(run)
        let early = cell.results.first { result in
          (cell.ends[result.index] ?? .max) > result.position
        }
        return early.map { "result \($0.index) came before loiter(\($0.index)) ended" }
      },
      Invariant("results in input order") { run in
        let order = MapRun(run).results.map(\.index)
        let calls = run.parameters.calls
        return order == Array(0..<calls) ? nil : "results came in the order \(order)"
      },
      Invariant("makespan as planned (5 s by default)") { run in
        let took = run.cell(named: "executor-map")?.duration ?? .zero
        let planned = loiterMakespan(calls: run.parameters.calls, workers: run.parameters.workers)
        return took == planned ? nil : "the cell took \(took), not \(planned)"
      },
      Invariant("at most workers calls at once (3 by default)") { run in
        let most = MapRun(run).mostAtOnce
        let workers = run.parameters.workers
        return most <= workers ? nil : "\(most) calls ran at once on a pool of \(workers) threads"
      },
    ])
}

/// How long `map(loiter, 0..<calls)` takes on `workers` threads: the pool's threads take the
/// calls in input order, each the moment a thread is free, and `loiter(n)` takes n seconds.
/// 5 s for the defaults (loiter(4) starts at +1 s on the thread loiter(1) leaves), 4 s with
/// five threads, 10 s with one.
///
///     loiterMakespan(calls: 5, workers: 3)   // 5 seconds
func loiterMakespan(calls: Int, workers: Int) -> Duration {
  var free = Array(repeating: 0, count: max(workers, 1))
  var end = 0
  for n in 0..<calls {
    let index = free.indices.min { free[$0] < free[$1] } ?? 0
    free[index] += n
    end = max(end, free[index])
  }
  return .seconds(end)
}

/// The experiment's cell as 17.4's invariants read it: where each `loiter(i)` span ended and
/// each `result i` line was printed (positions in the cell's events), and the most calls
/// that ran at once.
private struct MapRun {
  var ends: [Int: Int] = [:]
  var results: [(index: Int, position: Int)] = []
  var mostAtOnce = 0

  init(_ run: SectionRecording) {
    var labels: [Int: Int] = [:]
    var running = 0
    for (position, event) in (run.cell(named: "executor-map")?.events ?? []).enumerated() {
      switch event.kind {
      case .spanStarted(let span):
        labels[span.id] = Int(span.label)
        running += 1
        mostAtOnce = max(mostAtOnce, running)
      case .spanEnded(let id):
        running -= 1
        if let n = labels[id] { ends[n] = position }
      case .output(let text):
        if let n = Self.resultIndex(text) { results.append((n, position)) }
      default:
        break
      }
    }
  }

  /// `3` from `[09:00:03] result 3: 30`.
  static func resultIndex(_ line: Substring) -> Int? {
    guard let range = line.range(of: "] result "),
      let colon = line[range.upperBound...].firstIndex(of: ":")
    else { return nil }
    return Int(line[range.upperBound..<colon])
  }

  static func resultIndex(_ text: String) -> Int? { resultIndex(text[...]) }
}
