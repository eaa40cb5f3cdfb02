import ConcurrencyRuntime
import Digest
import Flags
import Futures
import Notebook

// 17.3 Launching processes with concurrent.futures

// cell: flags-processpool
/// A flag for a worker process to download: its code, and the address of
/// the site, since a worker shares no variables with its parent.
struct FlagJob: Codable, Sendable, CustomStringConvertible {
  var cc: String
  var site: FlagSiteAddress
  var description: String { cc }
}

/// `download_one` for a worker process: it opens the site itself, downloads
/// and saves the flag, and sends back its code.
func downloadOneInWorker(_ job: FlagJob) throws -> String {
  let site = job.site.open()
  let cc = job.cc.lowercased()
  let image = try site.network.get("\(site.baseURL)/\(cc)/\(cc).gif").body
  try site.save(image, as: "\(cc).gif")
  return job.cc
}

/// The same, as a worker function a process pool can send to a worker.
let downloadFlagInWorker = WorkerFunction("flag", downloadOneInWorker)

/// `flags_processpool.py`: the thread-pool version, with processes.
enum FlagsProcessPool {
  /// Sends every code to a pool of up to 20 worker processes, and shows
  /// each code as map hands back its result.
  static func downloadMany(_ ccList: [String]) throws -> Int {
    let jobs = ccList.sorted().map { FlagJob(cc: $0, site: siteAddress) }
    let workers = min(FlagsThreadPool.maxWorkers, jobs.count)
    return try withProcessPoolExecutor(
      maxWorkers: workers, registry: LessonWorkers.registry
    ) { executor in
      var count = 0
      for result in try executor.map(downloadFlagInWorker, jobs) {
        show(try result.get())
        count += 1
      }
      return count
    }
  }
}
// end cell

// cell: sha
/// A CPU-bound job: the SHA-256 of `size` bytes (a multiple of 8), drawn
/// from SplitMix64 seeded with `seed`, 8 bytes a draw, little-endian.
struct DigestJob: Codable, Sendable, CustomStringConvertible {
  var seed: UInt64
  var size: Int
  var description: String { "\(seed)" }
}

/// A job's digest, and the id of the process that computed it.
struct DigestAnswer: Codable, Sendable {
  var digest: String
  var pid: Int32
}

/// Hashes the job in pieces of 64 KiB at most (8 at least). After each it
/// calls `step` (where a thread under the simulated GIL may hand the lock
/// on), and accounts for the piece's share of a second of CPU, which only
/// virtual time needs.
func sha(_ job: DigestJob, step: () -> Void = {}) -> DigestAnswer {
  var random = SplitMix64(seed: job.seed)
  var hasher = SHA256()
  let draws = job.size / 8
  let pieces = max(8, job.size / 65536)
  var bytes: [UInt8] = []
  for piece in 0..<pieces {
    bytes.removeAll(keepingCapacity: true)
    for _ in draws * piece / pieces..<draws * (piece + 1) / pieces {
      withUnsafeBytes(of: random.next().littleEndian) { bytes += $0 }
    }
    hasher.update(bytes)
    Runtime.current.accountCPU(for: .seconds(1) / pieces)
    step()
  }
  let digest = SHA256.hex(hasher.finalize())
  return DigestAnswer(digest: digest, pid: Runtime.current.processID)
}

/// `sha` as a worker function, which a process pool can send to a worker.
let shaInWorker = WorkerFunction<DigestJob, DigestAnswer>("sha") { sha($0) }
// end cell

/// Section 17.3: the same executor interface, with worker processes instead of threads.
enum LaunchingProcesses {
  static let section = Section(
    id: "17.3",
    title: "Launching processes with concurrent.futures",
    prepare: FlagLesson.prepare([.delay]),
    blocks: [
      prose(
        """
        ProcessPoolExecutor has the interface of ThreadPoolExecutor: submit, map,
        asCompleted and the rest work the same, so moving a Python program from
        threads to processes changes one line. What changes is where the work
        runs. Each worker is a separate process of the operating system, with its
        own memory and, in CPython, its own interpreter and its own GIL: that is
        how Python code keeps several cores busy at once.

        A process cannot call a closure that lives in another process. So a job
        names a worker function, one registered under a name with a Codable
        argument and result, and the argument travels to the worker encoded, as
        Python pickles a module-level function and its arguments. The workers
        here are this program started again as 'lessons worker'; in virtual time
        they are simulated processes, which still encode every message.
        """),
      prose(
        """
        First the flag download of 17.1 once more, on processes. downloadOne
        cannot go to a worker as it is: it uses the parent's site, and a worker
        has none. So the job carries the code and the site's address, and the
        worker opens the site itself, downloads the flag, saves it as saveFlag
        does (a temporary file, renamed into place when complete) and sends back
        the code. The parent shows each code as it reads map's results.
        """),
      define("flags-processpool"),
      cell("flags-processpool-run") {
        try main(FlagsProcessPool.downloadMany)
      },
      prose(
        """
        And the thread pool of 17.1 again, against the same server, to compare.
        """),
      cell("flags-threadpool-again") {
        try main(FlagsThreadPool.downloadMany)
      },
      prose(
        """
        The notebook found its process pool "hardly faster" than its threads:
        1.18 s against 1.24 s. Here too there is nothing to gain. Both programs
        spend their time waiting for the server, and a thread waits as well as a
        process does. In virtual time, where starting a process costs nothing,
        the two take the same time; live, the processes come out a little slower,
        as starting twenty copies of this program takes a few tenths of a second.
        For I/O, threads are enough.

        The process version prints the codes in alphabetical order: the parent
        prints them, in the order map gives back the results. Note too that it
        asks for up to 20 workers. Python's ProcessPoolExecutor() starts one per
        CPU unless told otherwise; on a 2-CPU machine the twenty downloads would
        then go two at a time, and take ten times as long.
        """),
      prose(
        """
        Processes pay off for work that keeps a CPU busy. The book hashes random
        data with SHA-256, and so does this job: the SHA-256 of size bytes that
        SplitMix64 draws from a seed. It hashes them in pieces, and after each
        one calls step, a no-op unless a thread runs it under the simulated GIL
        of 17.2. Running code takes no time on the virtual clock, so each piece
        also accounts for its share of a second of CPU: in virtual time that
        holds a virtual core, live it does nothing, as the hashing itself takes
        the time. The answer is the digest and the id of the process that
        computed it.
        """),
      define("sha"),
      prose(
        """
        Eight jobs on a process pool with the default number of workers, one per
        CPU. The jobs are sized so that one takes about a fifth of a second on
        one core here (live; in virtual time each stands for a second of CPU and
        hashes 1 KiB). Each answer names the process that computed it: never
        this one.
        """),
      cell("sha-pids") {
        let jobs = shaJobs(count: 8)
        echo("8 jobs of \(byteCount(jobs[0].size)) each")
        echo("This notebook runs as pid \(Runtime.current.processID)")
        try withProcessPoolExecutor(registry: LessonWorkers.registry) { executor in
          let results = try executor.map(shaInWorker, jobs)
          for (job, result) in zip(jobs, results) {
            let answer = try result.get()
            let digest = answer.digest.prefix(32)
            echo("job \(job.seed): pid \(answer.pid), \(digest)…")
          }
        }
      },
      prose(
        """
        A digest can be checked anywhere. In Python, for instance:

            import hashlib, struct

            def sha(seed, size):
                data = bytearray()
                for _ in range(size // 8):
                    seed = (seed + 0x9E3779B97F4A7C15) % 2**64
                    z = seed
                    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9 % 2**64
                    z = (z ^ (z >> 27)) * 0x94D049BB133111EB % 2**64
                    data += struct.pack('<Q', z ^ (z >> 31))
                return hashlib.sha256(data).hexdigest()

        sha(seed, size) gives a job's digest from its seed and size: in the
        virtual run, sha(0, 1024) begins with the 32 characters printed for
        job 0.
        """),
      prose(
        """
        Now the book's Table 17-1: twelve jobs, run with 1 to N workers (N, the
        number of CPUs), in three ways: Swift threads; the same threads under the
        simulated GIL of 17.2, as Python's threads would run them; and processes.
        Each time is the whole batch's, and each speed-up is against one worker
        of the same way.
        """),
      cell("sha-table") {
        let jobs = shaJobs(count: 12)
        func threads(_ n: Int) throws -> [DigestAnswer] {
          try withThreadPoolExecutor(maxWorkers: n) { executor in
            try executor.map({ sha($0) }, jobs).map { try $0.get() }
          }
        }
        let gil = SimulatedGIL()
        func threadsUnderGIL(_ n: Int) throws -> [DigestAnswer] {
          try withThreadPoolExecutor(maxWorkers: n) { executor in
            try executor.map({ job in gil.run { sha(job, step: $0) } }, jobs)
              .map { try $0.get() }
          }
        }
        func processes(_ n: Int) throws -> [DigestAnswer] {
          try withProcessPoolExecutor(
            maxWorkers: n, registry: LessonWorkers.registry
          ) { executor in
            try executor.map(shaInWorker, jobs).map { try $0.get() }
          }
        }
        let ways = [threads, threadsUnderGIL, processes]
        var table = SpeedupTable(["threads", "threads + GIL", "processes"])
        for n in 1...max(2, Runtime.current.cpuCount) {
          table.add(workers: n, try ways.map { way in try timed { try way(n) } })
        }
        table.show()
      },
      prose(
        """
        Swift threads and processes both scale with the cores: two workers take
        half the time of one, and four take a quarter, as long as there are as
        many cores. Under the GIL, more threads bring nothing: only the thread
        that holds the lock computes, and the others wait their turn. That is
        CPython's situation, and why it needs processes for CPU-bound work,
        where Swift's threads do as well. Processes pay for what threads do not:
        starting, and encoding every argument and result.

        In virtual time the table is exact, as each job is a second of CPU and
        the virtual machine has four cores. Live, the numbers are this machine's,
        and a machine busy with other work shows it.
        """),
    ],
    invariants: ProcessRunChecks.invariants)
}
