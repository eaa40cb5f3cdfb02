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
        try withThreadPoolExecutor(maxWorkers: 3) { executor in
          let results = try executor.map(loiter, 0..<5)
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
    ])
}
