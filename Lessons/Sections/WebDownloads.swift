import ConcurrencyRuntime
import Flags
import Foundation
import Futures
import Notebook

// 17.1 Example: web downloads in three styles

// cell: flags
/// The 20 most populous countries, by country code.
let pop20 = "CN IN US ID BR PK NG BD RU JP MX PH VN ET EG DE IR TR CD FR"
  .split(separator: " ").map(String.init)

/// Saves a flag's bytes as `filename` in the site's folder.
func saveFlag(_ image: Data, _ filename: String) throws {
  try site.save(image, as: filename)
}

/// Downloads one flag: `CN` is at `<base URL>/cn/cn.gif`.
func getFlag(_ cc: String) throws -> Data {
  let url = "\(site.baseURL)/\(cc.lowercased())/\(cc.lowercased()).gif"
  return try site.network.get(url).body
}

/// Prints `text` and a space, without a newline, the moment it is called.
func show(_ text: String) {
  Runtime.current.console.write(text + " ")
}

/// Downloads, shows and saves the flags, one after another.
func downloadMany(_ ccList: [String]) throws -> Int {
  for cc in ccList.sorted() {
    let image = try getFlag(cc)
    show(cc)
    try saveFlag(image, "\(cc.lowercased()).gif")
  }
  return ccList.count
}

/// Runs `downloadMany` on the 20 codes and says how long it took.
func main(_ downloadMany: ([String]) throws -> Int) throws {
  let t0 = Runtime.current.now
  let count = try downloadMany(pop20)
  let elapsed = (Runtime.current.now - t0).seconds
  echo("\n\(count) flags downloaded in \(String(format: "%.2f", elapsed))s")
}
// end cell

// cell: flags-threadpool
/// `flags_threadpool.py`: the same downloads, on a pool of threads.
enum FlagsThreadPool {
  /// The most threads the pool may start.
  static let maxWorkers = 20

  /// Downloads, shows and saves one flag; returns its code.
  static func downloadOne(_ cc: String) throws -> String {
    let image = try getFlag(cc)
    show(cc)
    try saveFlag(image, "\(cc.lowercased()).gif")
    return cc
  }

  /// Runs `downloadOne` for every code, on up to `maxWorkers` threads.
  static func downloadMany(_ ccList: [String]) throws -> Int {
    let workers = min(maxWorkers, ccList.count)
    return try withThreadPoolExecutor(maxWorkers: workers) { executor in
      let results = try executor.map(downloadOne, ccList.sorted())
      return try results.map { try $0.get() }.count
    }
  }
}
// end cell

// cell: flags-async
/// `flags_asyncio.py`: the same downloads, as tasks on a single thread.
enum FlagsAsync {
  /// Downloads one flag; while the answer is on its way, the task is
  /// suspended and the thread runs other tasks.
  static func getFlag(_ cc: String) async throws -> Data {
    let url = "\(site.baseURL)/\(cc.lowercased())/\(cc.lowercased()).gif"
    return try await site.network.get(url).body
  }

  /// Downloads, shows and saves one flag; returns its code.
  static func downloadOne(_ cc: String) async throws -> String {
    let image = try await getFlag(cc)
    show(cc)
    try saveFlag(image, "\(cc.lowercased()).gif")
    return cc
  }

  /// Starts one task per code in a task group and waits for them all.
  static func downloadMany(_ ccList: [String]) throws -> Int {
    try Runtime.current.runAsync {
      try await withThrowingTaskGroup(of: String.self) { group in
        for cc in ccList.sorted() {
          group.addTask { try await downloadOne(cc) }
        }
        var count = 0
        for try await _ in group { count += 1 }
        return count
      }
    }
  }
}
// end cell

// cell: flags-as-completed
/// The thread-pool version once more, with its futures in view.
enum FlagsAsCompleted {
  /// Submits the first five codes to three threads, one future each, and
  /// collects the futures as they complete.
  static func downloadMany(_ ccList: [String]) throws -> Int {
    try withThreadPoolExecutor(maxWorkers: 3) { executor in
      var toDo: [Future<String>] = []
      for cc in ccList.prefix(5).sorted() {
        let future = try executor.submit {
          try FlagsThreadPool.downloadOne(cc)
        }
        toDo.append(future)
        echo("Scheduled for \(cc): \(future)")
      }
      var results: [String] = []
      for future in asCompleted(toDo) {
        let result = try future.result()
        echo("\(future) result: \(String(reflecting: result))")
        results.append(result)
      }
      return results.count
    }
  }
}
// end cell

/// Section 17.1: the flag downloads, one after another, on threads, and as async tasks.
enum WebDownloads {
  static let section = Section(
    id: "17.1",
    title: "Example: web downloads in three styles",
    prepare: FlagLesson.prepare([.delay]),
    // `--set latency=0.2`: the DELAY server's delay, which no cell's code spells out. The
    // number of flags stays 20: the cells show it written out (pop20, and 20 in the prose).
    parameters: [FlagLesson.latencyParameter],
    blocks: [
      prose(
        """
        The chapter's running example downloads the flags of the 20 most populous
        countries from a web site, in three styles: one after another, on a pool of
        threads, and as async tasks that share one thread. Each program saves every
        flag as a GIF file and prints the country's code as its flag arrives.

        There is no internet here, and the book's flag site has long gone, so the
        section brings its own: a DELAY server that answers every request after half
        a second, like the slow site of the book's first edition. Live, it runs in
        this process on a free port, as the note above says; in virtual time a mock
        with the same delay answers on the virtual clock.
        """),
      prose(
        """
        The sequential program comes first, and the others borrow most of it.
        getFlag fetches one GIF and saveFlag writes it to disk. show prints a code
        and a space at once: Python's version has to flush standard output, which
        otherwise holds text back, while our console writes every piece as it comes.
        main times a downloadMany function over the 20 codes, and echo prints its
        report as a line. site stands for the book's BASE_URL and DEST_DIR: where
        the flags come from, and where they go.
        """),
      define("flags"),
      prose(
        """
        Run it. The codes appear in alphabetical order, one every half second or so,
        because each download starts only when the one before it has finished: the
        program spends nearly all its time waiting for the server to answer.
        """),
      cell("flags-run") {
        try main(downloadMany)
      },
      prose(
        """
        The thread-pool version keeps getFlag, saveFlag, show and main, and brings a
        new downloadMany. downloadOne does the work for one flag, and executor.map
        hands it the sorted codes on a pool of up to 20 threads: a thread per flag,
        so that all twenty requests can wait for the server at the same time.
        Reading the results is how downloadMany waits for the downloads to finish,
        and a download that failed would throw its error right there.
        """),
      define("flags-threadpool"),
      cell("flags-threadpool-run") {
        try main(FlagsThreadPool.downloadMany)
      },
      prose(
        """
        The codes come out in another order this time. map returns its results in
        the order of its input, but it is the threads that call show, each at the
        moment its own download finishes, and the server's answers reach the
        threads in no particular order.

        The notebook's own run of this cell printed "PKJP" and, further on,
        "FR  PH". Python's print writes the text and then its end, the space, as
        two separate writes, and another thread can write in between: PK and JP
        ran together, and a space turned up later instead. Here show writes a code
        and its space as one piece, and the console writes each piece whole, under
        a lock: codes from several threads come in any order, but never run
        together.
        """),
      prose(
        """
        The third program starts no thread at all. Its downloads are async tasks:
        when a task waits for the network it is suspended, and the thread runs
        another task meanwhile. runAsync plays the part of asyncio.run: it runs the
        tasks on the runtime's single async thread and blocks the caller until they
        are done. Inside, a task group starts one child task per code and collects
        them as they finish. That is structured concurrency: no task outlives the
        group that started it, and an error thrown by a child reaches the group.

        getFlag needs an async version, one that suspends its task instead of
        blocking the thread, and downloadOne becomes async with it.
        """),
      define("flags-async"),
      cell("flags-async-run") {
        try main(FlagsAsync.downloadMany)
      },
      prose(
        """
        In virtual time the tasks print the codes in the same order as the threads
        did, because the mock decides it: each answer takes the half second plus a
        round trip of a few milliseconds, fixed for each flag. Live, every run has
        an order of its own.

        Compare the three times. For its own site, the book gives averages of
        7.18 s one after another, 1.40 s with threads and 1.35 s with asyncio.
        The server here waits the same half second for every flag, so the contrast
        is starker: the sequential program pays that wait twenty times over, about
        ten seconds, while the other two pay it about once, as all twenty requests
        wait together. For a program that mostly waits, threads and async tasks do
        equally well.

        Python's threads take turns at running Python code (the global interpreter
        lock), yet they speed this program up: a thread waiting for the network
        lets the others run. Swift's threads run in parallel on every core, but
        that changes nothing here, where the work is waiting.
        """),
      prose(
        """
        Where are the futures? executor.map keeps them out of sight. A future stands
        for work that has been handed over and may not have finished yet: you can
        ask whether it is done, wait for its result, or have a function called when
        it completes. You never make one yourself: executor.submit makes it when it
        schedules the work, and gives it back to you.

        The next version shows them: only the first five codes, on three threads,
        each submitted on its own and its future printed as soon as submit returns.
        Then asCompleted hands the futures back in the order they complete, and the
        loop prints each one with its result.
        """),
      define("flags-as-completed"),
      cell("flags-as-completed-run") {
        try main(FlagsAsCompleted.downloadMany)
      },
      prose(
        """
        Look at the states. A future is pending until a thread takes its work,
        running while the work runs, and finished once it has returned. Whether
        the first three show running depends on a race between the main thread,
        printing, and the pool's threads, starting up. The virtual run gives a new
        thread the processor at once, so each has taken its work by the time its
        line is printed; live, the print usually wins, and all five show pending.
        IN and US are pending either way: all three threads are busy, and each of
        the two starts when a thread comes free, half a second later.

        Each result line begins with the code that its worker printed just before
        the future completed. Live, the first three downloads can finish within a
        few milliseconds of one another, and their codes may all come before the
        first result line.

        The facts about futures that the rest of the chapter relies on:

        - isDone never blocks: it only says whether the work has finished (or was
          cancelled).
        - result() blocks until the work is done, then returns its value or throws
          its error; result(timeout:) gives up after that long with a time-out
          error.
        - addDoneCallback(fn) has fn called with the future once it completes, on
          the thread that completed it.
        - In a loop over asCompleted, result() never blocks: asCompleted hands out
          a future only once it is done.

        Python has two Future classes built on the same idea, one in
        concurrent.futures and one in asyncio. Swift's async code has Task, whose
        value you await; structured code seldom holds one, as a task group or an
        async let keeps track of its child tasks for you.
        """),
    ],
    invariants: [
      Invariant("each program asks for each of the 20 flags once") { run in
        for name in ["flags-run", "flags-threadpool-run", "flags-async-run"] {
          if let problem = FlagRunChecks(run.cell(named: name)).eachOnce(pop20) {
            return "\(name): \(problem)"
          }
        }
        return FlagRunChecks(run.cell(named: "flags-as-completed-run"))
          .eachOnce(Array(pop20.prefix(5)))
      },
      Invariant("the sequential program asks for one flag at a time") { run in
        FlagRunChecks(run.cell(named: "flags-run")).oneAtATime
          ? nil : "two requests overlapped"
      },
      Invariant("threads and async tasks are at least 4x faster than one at a time") { run in
        let sequential = run.cell(named: "flags-run")?.duration ?? .zero
        for name in ["flags-threadpool-run", "flags-async-run"] {
          let took = run.cell(named: name)?.duration ?? .zero
          if took * 4 > sequential { return "\(name) took \(took), sequential \(sequential)" }
        }
        return nil
      },
      Invariant("at most 3 downloads at once on 3 threads") { run in
        let most = FlagRunChecks(run.cell(named: "flags-as-completed-run")).mostAtOnce
        return most <= 3 ? nil : "\(most) requests at once"
      },
    ])
}
