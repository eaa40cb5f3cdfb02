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
    title: Localized(
      en: "Launching processes with concurrent.futures", ko: "concurrent.futures로 프로세스 띄우기"),
    prepare: FlagLesson.prepare([.delay]),
    // The knob of Table 17-1, In [6]: `lessons 17.3 --set workers=2` stops at two workers.
    parameters: [
      .integer("workers", default: 4, in: 1...8, help: "the most workers in Table 17-1")
    ],
    blocks: [
      prose(
        en: """
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
          """,
        ko: """
          ProcessPoolExecutor는 ThreadPoolExecutor와 인터페이스가 같습니다. submit, map,
          asCompleted 등이 모두 똑같이 동작하므로, 파이썬 프로그램을 스레드에서 프로세스로
          옮길 때는 한 줄만 바꾸면 됩니다. 달라지는 것은 작업이 실행되는 곳입니다. 워커는
          하나하나가 운영 체제의 독립된 프로세스로서 자기만의 메모리를 가지며,
          CPython이라면 인터프리터와 GIL도 따로 가집니다. 파이썬 코드는 이렇게 해서 여러
          코어를 동시에 바쁘게 만듭니다.

          프로세스는 다른 프로세스에 있는 클로저를 호출할 수 없습니다. 그래서 작업은 워커
          함수를 가리킵니다. 워커 함수란 이름을 붙여 등록해 둔 함수로, 인자와 결과가
          Codable입니다. 인자는 인코딩된 채로 워커에게 건너가는데, 파이썬이 모듈 수준
          함수와 그 인자를 피클링하는 것과 같습니다. 여기서 워커는 이 프로그램을 다시 띄운
          'lessons worker' 프로세스입니다. 가상 시간에서는 시뮬레이션된 프로세스이지만,
          그래도 메시지를 빠짐없이 인코딩합니다.
          """),
      prose(
        en: """
          First the flag download of 17.1 once more, on processes. downloadOne
          cannot go to a worker as it is: it uses the parent's site, and a worker
          has none. So the job carries the code and the site's address, and the
          worker opens the site itself, downloads the flag, saves it as saveFlag
          does (a temporary file, renamed into place when complete) and sends back
          the code. The parent shows each code as it reads map's results.
          """,
        ko: """
          먼저 17.1의 국기 내려받기를 이번에는 프로세스로 한 번 더 해 봅니다.
          downloadOne은 그대로는 워커에게 보낼 수 없습니다. 부모 프로세스의 site를 쓰는데,
          워커에게는 site가 없기 때문입니다. 그래서 작업에 코드와 사이트 주소를 담아
          보내면, 워커가 직접 사이트를 열어 국기를 내려받고, saveFlag처럼 저장한 뒤(임시
          파일에 쓰고, 다 쓰면 이름을 바꿔 제자리에 둡니다) 코드를 돌려보냅니다. 부모는
          map의 결과를 읽으면서 코드를 하나씩 보여 줍니다.
          """),
      define("flags-processpool"),
      cell("flags-processpool-run") {
        try main(FlagsProcessPool.downloadMany)
      },
      prose(
        en: """
          And the thread pool of 17.1 again, against the same server, to compare.
          """,
        ko: """
          비교를 위해 17.1의 스레드 풀도 같은 서버를 상대로 다시 실행합니다.
          """),
      cell("flags-threadpool-again") {
        try main(FlagsThreadPool.downloadMany)
      },
      prose(
        en: """
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
          """,
        ko: """
          원래 노트북에서는 프로세스 풀이 스레드보다 "별로 빠르지 않았습니다". 1.24초에
          비해 1.18초였습니다. 여기서도 얻는 것은 없습니다. 두 프로그램 모두 서버를
          기다리는 데 시간을 쓰고, 기다리는 일이라면 스레드도 프로세스 못지않게 잘합니다.
          프로세스를 띄우는 데 비용이 들지 않는 가상 시간에서는 둘이 같은 시간이 걸립니다.
          실제 시간에서는 이 프로그램을 스무 개 띄우는 데 수백 밀리초가 걸리므로 프로세스
          쪽이 조금 느리게 나옵니다. I/O에는 스레드로 충분합니다.

          프로세스 버전은 코드를 알파벳 순서로 출력합니다. 코드를 출력하는 것은 부모이고,
          부모는 map이 결과를 돌려주는 순서대로 출력하기 때문입니다. 워커를 최대 20개까지
          요청한다는 점도 눈여겨보세요. 파이썬의 ProcessPoolExecutor()는 따로 정하지
          않으면 CPU마다 워커를 하나씩 띄웁니다. 그러면 CPU가 두 개인 컴퓨터에서는
          내려받기 스무 개가 두 개씩 진행되어 열 배나 오래 걸릴 것입니다.
          """),
      prose(
        en: """
          Processes pay off for work that keeps a CPU busy. The book hashes random
          data with SHA-256, and so does this job: the SHA-256 of size bytes that
          SplitMix64 draws from a seed. It hashes them in pieces, and after each
          one calls step, a no-op unless a thread runs it under the simulated GIL
          of 17.2. Running code takes no time on the virtual clock, so each piece
          also accounts for its share of a second of CPU: in virtual time that
          holds a virtual core, live it does nothing, as the hashing itself takes
          the time. The answer is the digest and the id of the process that
          computed it.
          """,
        ko: """
          프로세스가 제값을 하는 것은 CPU를 바쁘게 하는 작업에서입니다. 책은 무작위
          데이터의 SHA-256 해시를 계산하는데, 이 작업도 그렇습니다. SplitMix64가 시드에서
          뽑아낸 size 바이트의 SHA-256을 계산합니다. 데이터를 조각조각 해시하며, 조각
          하나가 끝날 때마다 step을 호출합니다. step은 스레드가 17.2의 시뮬레이션된 GIL
          아래에서 실행할 때가 아니면 아무 일도 하지 않습니다. 코드 실행에는 가상 시계의
          시간이 전혀 들지 않으므로, 조각마다 CPU 시간 1초 가운데 자기 몫도 따로 셈에
          넣습니다. 가상 시간에서는 그만큼 가상 코어를 차지하고, 실제 시간에서는 해시 계산
          자체가 시간을 쓰므로 아무 일도 하지 않습니다. 답은 다이제스트와, 그것을 계산한
          프로세스의 id입니다.
          """),
      define("sha"),
      prose(
        en: """
          Eight jobs on a process pool with the default number of workers, one per
          CPU. The jobs are sized so that one takes about a fifth of a second on
          one core here (live; in virtual time each stands for a second of CPU and
          hashes 1 KiB). Each answer names the process that computed it: never
          this one.
          """,
        ko: """
          워커 수를 기본값, 곧 CPU마다 하나로 둔 프로세스 풀에서 작업 여덟 개를
          실행합니다. 작업 크기는 이 컴퓨터의 코어 하나에서 작업 하나가 0.2초쯤 걸리도록
          정했습니다(실제 시간의 경우입니다. 가상 시간에서는 작업마다 CPU 1초를 나타내며
          1KiB를 해시합니다). 답마다 그것을 계산한 프로세스가 적혀 있는데, 이 노트북
          자신의 프로세스는 한 번도 나오지 않습니다.
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
        en: """
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
          """,
        ko: """
          다이제스트는 어디서든 확인할 수 있습니다. 예를 들어 파이썬에서는 이렇게 합니다.

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

          sha(seed, size)는 작업의 시드와 크기로 그 작업의 다이제스트를 구합니다. 가상
          시간으로 실행했다면 sha(0, 1024)는 job 0 줄에 출력된 32글자로 시작합니다.
          """),
      prose(
        en: """
          Now the book's Table 17-1: twelve jobs, run with 1 to 4 workers, in three
          ways: Swift threads; the same threads under the simulated GIL of 17.2, as
          Python's threads would run them; and processes.
          Each time is the whole batch's, and each speed-up is against one worker
          of the same way.
          """,
        ko: """
          이제 책의 표 17-1입니다. 작업 열두 개를 세 가지 방식으로, 워커 수를 1부터
          4까지 늘려 가며 실행합니다. Swift 스레드, 파이썬의 스레드가 실행하듯
          17.2의 시뮬레이션된 GIL 아래에서 돌리는 같은 스레드, 그리고 프로세스입니다.
          시간은 모두 작업 묶음 전체에 걸린 시간이고, 속도 향상은 같은 방식에서 워커가
          하나일 때와 비교한 값입니다.
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
        let most = parameters.workers
        for n in 1...most {
          table.add(workers: n, try ways.map { way in try timed { try way(n) } })
        }
        table.show()
      },
      prose(
        en: """
          Swift threads and processes both scale with the cores: two workers take
          half the time of one, and four take a quarter, as long as there are as
          many cores. Under the GIL, more threads bring nothing: only the thread
          that holds the lock computes, and the others wait their turn. That is
          CPython's situation, and why it needs processes for CPU-bound work,
          where Swift's threads do as well. Processes pay for what threads do not:
          starting, and encoding every argument and result.

          In virtual time the table is exact, as each job is a second of CPU and
          the virtual machine has four cores. Live, the numbers are this machine's:
          past its number of cores a row gains nothing more, as no core is left for
          another worker, and a machine busy with other work shows it.
          """,
        ko: """
          Swift 스레드와 프로세스는 둘 다 코어 수에 맞춰 빨라집니다. 코어가 그만큼 있기만
          하면, 워커 두 개는 하나일 때의 절반, 네 개는 4분의 1의 시간이 걸립니다. GIL
          아래에서는 스레드를 늘려도 얻는 것이 없습니다. 락을 쥔 스레드만 계산하고,
          나머지는 제 차례를 기다립니다. 이것이 CPython의 처지입니다. 그래서 Swift라면
          스레드로도 충분한 CPU 바운드 작업에도 CPython에는 프로세스가 필요합니다.
          프로세스는 스레드가 치르지 않는 비용을 치릅니다. 프로세스를 띄우는 비용, 그리고
          인자와 결과를 하나하나 인코딩하는 비용입니다.

          가상 시간에서는 표가 정확합니다. 작업마다 CPU 1초이고, 가상 머신에는 코어가 네
          개 있기 때문입니다. 실제 시간에서는 이 컴퓨터의 수치가 나옵니다. 워커 수가
          코어 수를 넘는 줄부터는 더 빨라지지 않습니다. 워커를 하나 더 돌릴 코어가 남아
          있지 않기 때문입니다. 컴퓨터가 다른 일로 바쁘면 그것도 수치에 그대로 드러납니다.
          """),
    ],
    invariants: ProcessRunChecks.invariants)
}
