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
    title: Localized(
      en: "Experimenting with Executor.map", ko: "Executor.map 실험하기"),
    // The knobs of the experiment's cell, In [2]: `lessons 17.4 --set workers=5`. Past
    // loiter(4), loiter's tabs push its lines beyond 80 columns, hence at most 5 calls.
    parameters: [
      .integer("workers", default: 3, in: 1...10, help: "threads in the pool"),
      .integer("calls", default: 5, in: 1...5, help: "calls of loiter, from loiter(0)"),
    ],
    blocks: [
      prose(
        en: """
          Executor.map looks like the built-in map, but it hands every call to the
          pool's threads at once and gives back the results lazily, in the order of the
          inputs. Two questions make it worth a closer look: when does map return, and
          when does each result arrive?

          To watch it happen we need a function that takes a known time. loiter(n) does
          nothing for n seconds and returns n * 10; every line it prints is stamped with
          the time and indented by n tabs, so each call's lines form their own column.
          """,
        ko: """
          Executor.map은 내장 map과 비슷해 보이지만, 모든 호출을 한꺼번에 풀의 스레드에
          넘기고 결과는 입력 순서대로, 필요할 때 하나씩 돌려줍니다. 두 가지를 자세히 볼
          만합니다. map은 언제 반환할까요? 그리고 각 결과는 언제 도착할까요?

          이를 눈으로 보려면 걸리는 시간을 미리 알 수 있는 함수가 필요합니다. loiter(n)은
          n초 동안 아무 일도 하지 않다가 n * 10을 반환합니다. 이 함수가 출력하는 줄마다
          시각이 찍히고 탭 n개만큼 들여 쓰이므로, 호출마다 출력이 제 열에 따로 모입니다.
          """),
      define("loiter"),
      prose(
        en: """
          Now five calls, loiter(0) to loiter(4), on a pool of three threads. Watch the
          stamps: map itself returns at once, before any call has finished, because all
          it does is submit five tasks and wrap their futures. Asking for a result is
          what waits: each step of the loop blocks until that future is done, in input
          order, even if a later one finished first.
          """,
        ko: """
          이제 loiter(0)부터 loiter(4)까지 다섯 번의 호출을 스레드 세 개짜리 풀에서
          실행합니다. 찍힌 시각을 눈여겨보세요. map 자체는 어떤 호출도 끝나기 전에 곧바로
          반환합니다. map이 하는 일은 작업 다섯 개를 제출하고 그 퓨처들을 감싸 두는
          것뿐이기 때문입니다. 기다림은 결과를 요청할 때 일어납니다. 루프는 단계마다 해당
          퓨처가 끝날 때까지 블로킹되며, 뒤의 호출이 먼저 끝났더라도 입력 순서를 따릅니다.
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
        en: """
          Read the timeline. The three threads take loiter(0), loiter(1) and loiter(2)
          at once; loiter(0) returns straight away, so its thread picks up loiter(3)
          while the main thread is still printing. loiter(4) has to wait for a free
          thread, and gets the one loiter(1) leaves after a second. The results arrive
          at +0, +1, +2, +3 and +5 seconds, and the whole run takes 5 seconds instead of
          the 10 that the same calls take one after another.

          The loop reads results in input order, so a slow early call holds back every
          result behind it, even one that is ready. When you want results as soon as
          each is ready, use asCompleted, as the flag downloads of 17.1 and 17.5 do.
          """,
        ko: """
          시각을 따라 읽어 봅시다. 스레드 세 개가 loiter(0), loiter(1), loiter(2)를
          한꺼번에 맡습니다. loiter(0)은 바로 반환하므로, 메인 스레드가 아직 출력하는 동안
          그 스레드가 loiter(3)을 가져갑니다. loiter(4)는 빈 스레드가 생길 때까지
          기다렸다가, 1초 뒤 loiter(1)이 내놓은 스레드를 얻습니다. 결과는 +0, +1, +2, +3,
          +5초에 도착하고, 같은 호출을 하나씩 차례로 하면 10초가 걸릴 일이 모두 5초 만에
          끝납니다.

          루프는 결과를 입력 순서대로 읽으므로, 앞쪽의 느린 호출 하나가 뒤따르는 결과를
          모두 붙잡아 둡니다. 이미 준비된 결과까지도요. 결과가 준비되는 대로 바로 받고
          싶다면 17.1과 17.5의 국기 내려받기처럼 asCompleted를 쓰세요.
          """),
      prose(
        en: """
          Which thread finishes first is up to the scheduler; the order of map's results
          is not. Here five calls that each take one second run on three threads, twice,
          in virtual time under two seeds: two valid interleavings, each the same again
          for the same seed. The calls end in a different order, and the results come
          back in input order both times.
          """,
        ko: """
          어느 스레드가 먼저 끝날지는 스케줄러에 달려 있지만, map이 돌려주는 결과의 순서는
          그렇지 않습니다. 여기서는 각각 1초씩 걸리는 호출 다섯 번을 스레드 세 개에서
          실행하는데, 가상 시간에서 시드 두 개로 한 번씩, 모두 두 번 실행합니다. 둘 다
          올바른 인터리빙이며, 같은 시드로 돌리면 매번 똑같이 다시 나옵니다. 호출이 끝나는
          순서는 서로 다르지만, 결과는 두 번 모두 입력 순서대로 돌아옵니다.
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
