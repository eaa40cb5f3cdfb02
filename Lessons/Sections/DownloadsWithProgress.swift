import ConcurrencyRuntime
import Flags
import Foundation
import Futures
import Notebook

// 17.5 Downloads with progress display and error handling. The download functions the cells
// show are the ones `lessons flags2` runs, in `Lessons/Flags2/`.

// cell: queue-worker
/// Takes codes from `codes` and downloads each from `site`, until it
/// takes nil; says how each download ended.
func downloadWorker(_ name: String, codes: Queue<String?>, site: FlagSite) {
  while let cc = codes.get() {
    do {
      let status = try Flags2Sequential.downloadOne(
        site, cc, verbose: false)
      echo("\(name): \(cc) \(status.rawValue)")
    } catch {
      echo("\(name): \(cc) \(error)")
    }
  }
}
// end cell

/// Section 17.5: the flags2 programs, their progress bar, their error handling, and queues.
enum DownloadsWithProgress {
  static let section = Section(
    id: "17.5",
    title: "Downloads with progress display and error handling",
    prepare: FlagLesson.prepare([.delay, .error]),
    blocks: [
      prose(
        """
        The flags2 programs are the flag downloaders of 17.1, grown up: they take
        options, draw a progress bar, and carry on through errors, counting each
        code as downloaded, not found or failed. This section runs them as the
        notebook did, then opens them up: how they handle errors, how the thread
        pool collects results with asCompleted, and what else there is when an
        executor does not fit.

        First, the progress bar. The book uses tqdm, which wraps any loop and keeps
        a bar up to date: how far along, how long so far, how long to go, and the
        rate. ProgressBar does the same by hand: make it with the number of steps,
        and call update() after each one. Here, 1000 steps of 10 ms each.
        """),
      cell("tqdm") {
        let bar = progressBar(total: 1000)
        for _ in 0..<1000 {
          sleep(seconds: 0.01)
          bar.update()
        }
      },
      prose(
        """
        A thousand steps of 10 ms take 10 seconds: exactly 100 steps a second in
        virtual time, where sleeping costs nothing. Live, each wake-up costs a little
        real time, and the rate comes out a bit lower (the notebook's run measured
        96.60 it/s). On a terminal the bar moves as you watch; the cell's output
        keeps only its last state, as a transcript does.

        The three flags2 programs take the same options. Here is the thread-pool
        version's help, as the notebook printed it with -h:
        """),
      cell("flags2-help") {
        try flags2("threadpool --help")
      },
      prose(
        """
        The notebook ran the programs with -s REMOTE, the book's own site. By then
        it had gone, and every request came back 404: the three runs counted 0 flags
        downloaded, and 20, 78 and 100 not found. (There is no internet here at
        all, so a REMOTE run would count connection errors instead.)

        Our runs use this section's servers. -s DELAY is the server that answers
        everything after half a second; -s ERROR also delays about half of its
        answers, and fails a quarter of its requests with 500 Internal Server
        Error. Both run inside this process, as the note at the top says, so the
        first line of each run names the port they listen on; in virtual time,
        mocks of them answer on the usual ports 8002 and 8003. The flags go to
        the section's folder, not to downloads/.
        """),
      cell("flags2-sequential-run") {
        try flags2("sequential -s DELAY")
      },
      cell("flags2-threadpool-run") {
        try flags2("threadpool -s DELAY a b c")
      },
      cell("flags2-async-run") {
        try flags2("async -s ERROR -al 100 -m 100")
      },
      prose(
        """
        Twenty flags, one at a time, take ten seconds again. The thread pool looks
        for the 78 codes from AA to CZ, 30 at a time: 43 of them have a flag and 35
        do not, and three rounds of half a second find out. The async version asks
        for the first 100 of the 194 flags that exist (-al 100 is -a -l 100), all
        at once (-m 100), from the server that fails a quarter of its requests:
        the failures are counted as errors, apart from the rest.

        In every run each code is counted exactly once: downloaded, not found or
        error. flags2 checks that the three counts add up to the number of codes it
        was asked for, and stops with an error if they do not, so a download can
        never get lost without anyone noticing.
        """),
      prose(
        """
        17.5.1  Error handling in flags2
        --------------------------------

        The three programs handle errors alike. getFlag turns any answer but 200
        into an HTTPStatusError, as raise_for_status() does in the book. Then the
        errors part ways. downloadOne catches a 404 and nothing else: a flag that
        does not exist is an ordinary outcome for that one code, best dealt with
        where it happens, so it becomes the status "not found". Every other error
        (a 500, a refused connection, a time-out) says something went wrong, and
        goes up to downloadMany: the one place that reports errors and keeps the
        counts, and that can decide to carry on with the next code.
        """),
      define("flags2-sequential-get-flag"),
      define("flags2-sequential-download-one"),
      prose(
        """
        downloadMany counts the statuses in a dictionary, as Python's Counter does.
        Without -v it moves the progress bar once per code; with -v it prints a line
        per code, and each error with the code it belongs to. errorMessage is a new
        constant for every code, so no error can be reported for the wrong flag
        (the book's asyncio version kept one variable for the whole loop, and could).
        """),
      define("flags2-sequential-download-many"),
      cell("flags2-sequential-errors") {
        try flags2("sequential -s ERROR -v -l 12 c")
      },
      prose(
        """
        Twelve codes, CA to CL: six flags downloaded, five codes with no flag, and
        one code, CD, that the server failed. Six, five and one make twelve.
        """),
      prose(
        """
        17.5.2  Using asCompleted
        -------------------------

        flags2 threadpool shares downloadOne with the sequential program and has a
        downloadMany of its own. It submits one downloadOne per code, and keeps the
        futures twice: in a list, for asCompleted to watch, and in a dictionary
        from each future to its code, since asCompleted hands back futures and an
        error message needs the code. The progress bar moves once per future that
        asCompleted yields, so it advances as downloads finish, in whatever order.
        result() throws, in the main thread, the error that the download threw in
        its worker thread, and the same handling as before counts it.
        """),
      define("flags2-threadpool-download-many"),
      cell("flags2-threadpool-errors") {
        try flags2("threadpool -s ERROR -v c")
      },
      prose(
        """
        All 26 requests go out at once, on 26 threads. The answers the server does
        not delay come back within a few milliseconds, the others half a second
        later, and the lines follow: completion order, not alphabetical order, with
        each error next to its own code.
        """),
      prose(
        """
        17.5.3  Threads and queues
        --------------------------

        Executors fit most needs: hand over a function, get back a future. When they
        do not, you can start threads yourself, as Python's threading module does,
        and give them work through a queue. A queue is safe to share between
        threads: put and get may be called from any thread at any time, get blocks
        while the queue is empty, and items come out in the order they went in.
        Queue, in the Futures library, is Python's queue.Queue, built on the
        runtime's lock and condition variable.

        Below, four worker threads take codes from one queue and download them,
        until they find nil, the sign that there is no more work. Each runs
        downloadWorker, which reuses the sequential program's downloadOne.
        """),
      define("queue-worker"),
      cell("queue-workers") {
        let site = try flagSite(.delay)
        let codes = Queue<String?>()  // a code to download, or nil: stop
        let t0 = Runtime.current.now
        let workers = (1...4).map { n in
          Runtime.current.spawn(name: "worker-\(n)") {
            downloadWorker("worker-\(n)", codes: codes, site: site)
          }
        }
        for cc in Countries.pop20.sorted() { codes.put(cc) }
        for _ in workers { codes.put(nil) }
        for thread in workers { thread.join() }
        let elapsed = (Runtime.current.now - t0).seconds
        echo("20 flags downloaded in \(String(format: "%.2f", elapsed))s")
      },
      prose(
        """
        Four workers and twenty half-second downloads make five rounds: the lines
        come four at a time, and the whole takes two and a half seconds. This is
        what a thread pool does inside, and what ThreadPoolExecutor spares you: the
        queue, the workers, the signal to stop, and a way to hand back each result
        or error, which is what a future is.

        Threads suit work that waits, as downloads do. For work that computes,
        Python turns to processes, because its threads take turns at running Python
        code; ProcessPoolExecutor offers the same interface as the thread pool, and
        section 17.3 is about it.
        """),
    ],
    invariants: [
      Invariant("every code counted once: ok + not found + errors == requested") { run in
        for name in [
          "flags2-sequential-run", "flags2-threadpool-run", "flags2-async-run",
          "flags2-sequential-errors", "flags2-threadpool-errors",
        ] {
          if let problem = FlagRunChecks(run.cell(named: name)).countsAddUp {
            return "\(name): \(problem)"
          }
        }
        return nil
      },
      Invariant("every requested code asked for once") { run in
        for name in ["flags2-sequential-run", "flags2-threadpool-run", "flags2-async-run"] {
          let checks = FlagRunChecks(run.cell(named: name))
          let codes = checks.requests.map(\.code)
          if Set(codes).count != codes.count { return "\(name): a code asked for twice" }
        }
        return nil
      },
      Invariant("the progress bar ends at 100 it/s") { run in
        let output = run.cell(named: "tqdm")?.output ?? ""
        return output.contains("1000/1000 [00:10<00:00, 100.00it/s]")
          ? nil : "the bar ended otherwise"
      },
    ])
}
