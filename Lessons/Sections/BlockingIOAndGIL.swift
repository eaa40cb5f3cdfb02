import ConcurrencyRuntime
import Foundation
import Futures
import Notebook

// 17.2 Blocking I/O and the GIL

// cell: measure
/// Runs `job` on every input, on a pool of `threads` threads, and says
/// how long that took and how much CPU time it used meanwhile.
func measure<T: Sendable, R: Sendable>(
  _ what: String, threads: Int, _ inputs: [T],
  _ job: @escaping @Sendable (T) throws -> R
) throws {
  let runtime = Runtime.current
  let (t0, cpu0) = (runtime.now, runtime.cpuTime)
  try withThreadPoolExecutor(maxWorkers: threads) { executor in
    for result in try executor.map(job, inputs) { _ = try result.get() }
  }
  let elapsed = (runtime.now - t0).seconds
  let cpu = (runtime.cpuTime - cpu0).seconds
  let plural = threads == 1 ? "" : "s"
  let label = "\(inputs.count) \(what), \(threads) thread\(plural):"
  let padded = label.padding(toLength: 38, withPad: " ", startingAt: 0)
  echo(padded + String(format: "%5.2fs elapsed, %5.2fs CPU", elapsed, cpu))
}
// end cell

// cell: crunch
/// Job `n` of a CPU-bound batch: it keeps one core busy for half a
/// second and never waits, as hashing a big file would.
func crunch(_ n: Int) {
  compute(for: .milliseconds(500))
}
// end cell

// cell: under-gil
/// The same job in a Python thread: it must hold the GIL to compute,
/// and takes its turns with the other threads.
func crunch(_ n: Int, under gil: SimulatedGIL) {
  gil.compute(for: .milliseconds(500))
}

/// getFlag in a Python thread: it holds the GIL to run its own code and
/// lets go of it while it waits for the network.
func getFlag(_ cc: String, under gil: SimulatedGIL) throws -> Data {
  try gil.run { _ in
    try gil.blocking { try getFlag(cc) }
  }
}
// end cell

/// Section 17.2: threads that wait overlap, threads that compute use every core, and what
/// CPython's global interpreter lock changes about both.
enum BlockingIOAndGIL {
  static let section = Section(
    id: "17.2",
    title: "Blocking I/O and the GIL",
    prepare: FlagLesson.prepare([.delay]),
    blocks: [
      prose(
        """
        CPython runs Python code one thread at a time. Its global interpreter lock,
        the GIL, is a single lock that a thread must hold while it runs Python
        code, so a Python program's threads never compute on two cores at once.
        Yet threads made 17.1's downloads many times faster. The reason is that
        a thread waiting for the network is not running Python code: every
        function of the standard library that blocks on I/O lets go of the GIL
        while it waits, and the other threads carry on.

        Swift has no GIL: its threads run on every core at once. This section
        measures both sides, waiting and computing, first with Swift's threads,
        then under a GIL of our own that works as CPython's does.

        measure times a batch of jobs on a pool of threads. Besides the elapsed
        time it reads the CPU time, how long the program kept cores busy in all:
        the process's own count from the operating system, live, and the busy
        time of the virtual cores in virtual time.
        """),
      define("measure"),
      prose(
        """
        First, waiting. Four downloads from the DELAY server of 17.1, which
        answers after half a second: on one thread they take their turns, on
        four threads they wait together.
        """),
      cell("downloads") {
        let codes = Array(pop20.prefix(4))
        try measure("downloads", threads: 1, codes, getFlag)
        try measure("downloads", threads: 4, codes, getFlag)
      },
      prose(
        """
        Four threads take the time of one download, not four. And neither run
        used any CPU time to speak of: a thread that waits for the network sleeps
        in the kernel until an answer arrives, and a sleeping thread costs no
        CPU. That is why threads suit I/O-bound work so well, in Python as in
        Swift.

        Now computing. crunch stands for any job that only computes: it keeps a
        core busy for half a second, without waiting for anything.
        """),
      define("crunch"),
      cell("cpu-threads") {
        let n = min(Runtime.current.cpuCount, 4)
        try measure("crunches", threads: 1, Array(0..<n), crunch)
        try measure("crunches", threads: n, Array(0..<n), crunch)
      },
      prose(
        """
        n is one job per core, up to four: the virtual runtime has four cores,
        and live it is your machine's count. On one thread the jobs run one after
        another. On n threads they run at the same time on n cores: the elapsed
        time falls to that of one job, while the CPU time stays what the work
        costs. CPU time above the elapsed time means more than one core was busy
        at once.

        That is what a Python program's threads cannot do. SimulatedGIL plays
        CPython's part: a lock that a thread must hold for every slice of its
        work. A thread that has held it for a switch interval, 5 milliseconds as
        in CPython, hands it to the next thread waiting and queues for it again.
        Its blocking method lets go of the lock around a call that waits, as
        CPython's I/O functions do. Here are the job and getFlag as they would
        run in Python threads.
        """),
      define("under-gil"),
      cell("gil-cpu") {
        let gil = SimulatedGIL()
        let n = min(Runtime.current.cpuCount, 4)
        try measure("crunches under the GIL", threads: 1, Array(0..<n)) { job in
          crunch(job, under: gil)
        }
        try measure("crunches under the GIL", threads: n, Array(0..<n)) { job in
          crunch(job, under: gil)
        }
        echo("The GIL was handed over \(gil.switches) times.")
      },
      prose(
        """
        More threads, no gain: with the GIL the n threads take as long as one
        thread doing all the jobs. They still run on n cores, but only the
        thread holding the GIL may compute, and every 5 milliseconds the lock
        moves to the next thread in line. The elapsed time equals the CPU time:
        one core busy at a time. This is why CPU-bound Python code gains nothing
        from a thread pool, and why 17.3 turns to processes, each with a GIL of
        its own.

        Waiting is another matter. Four downloads under the same kind of GIL,
        while a fifth thread computes and wants the lock all the time:
        """),
      cell("gil-io") {
        let gil = SimulatedGIL()
        let codes = Array(pop20.prefix(4))
        let cruncher = Runtime.current.spawn(name: "cruncher") {
          crunch(0, under: gil)
        }
        try measure("downloads under the GIL", threads: 4, codes) { cc in
          try getFlag(cc, under: gil)
        }
        cruncher.join()
      },
      prose(
        """
        The downloads take about as long as they did without the GIL. Each
        thread needs the lock only for the moment it takes to send its request
        and to read the answer, waiting at most one switch interval for its turn;
        it waits for the network without it, while the cruncher computes. The
        CPU time is the cruncher's, working meanwhile. For I/O-bound work the
        GIL does little harm: Python threads overlap their waits just as Swift's
        do.
        """),
    ],
    // What every interleaving keeps, whichever thread the scheduler runs first.
    invariants: [
      Invariant("four downloads on four threads wait at the same time") { run in
        let most = FlagRunChecks(run.cell(named: "downloads")).mostAtOnce
        return most == 4 ? nil : "at most \(most) downloads waited at once"
      },
      Invariant("four downloads take under a third as long on four threads as on one") { run in
        let pools = PoolMakespans(run.cell(named: "downloads")).makespans
        guard pools.count == 2 else { return "expected two pools, found \(pools.count)" }
        return pools[1] * 3 < pools[0] ? nil : "\(pools[1]) on four threads, \(pools[0]) on one"
      },
      Invariant("without the GIL, crunches on several threads overlap") { run in
        let events = run.cell(named: "cpu-threads")?.events ?? []
        let most = CPUSlices(events, executor: CPUSlices.executor).mostAtOnce
        return most > 1 ? nil : "no two crunches ran at once"
      },
      Invariant("no two threads ever hold the GIL at once") { run in
        for name in ["gil-cpu", "gil-io"] {
          let events = run.cell(named: name)?.events ?? []
          let most = CPUSlices(events, executor: SimulatedGIL.executor).mostAtOnce
          if most > 1 { return "\(name): \(most) threads held the GIL at once" }
        }
        return nil
      },
      Invariant("with the GIL, more threads are no faster than one") { run in
        let pools = PoolMakespans(run.cell(named: "gil-cpu"))
        guard pools.makespans.count == 2 else { return "expected two pools" }
        let (one, many) = (pools.makespans[0], pools.makespans[1])
        return many >= one ? nil : "\(many) on several threads, \(one) on one"
      },
      Invariant("under the GIL, four downloads still wait at the same time") { run in
        let most = FlagRunChecks(run.cell(named: "gil-io")).mostAtOnce
        return most == 4 ? nil : "at most \(most) downloads waited at once"
      },
    ])
}
