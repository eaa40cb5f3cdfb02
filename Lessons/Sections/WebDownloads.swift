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
    title: Localized(
      en: "Example: web downloads in three styles", ko: "예제: 세 가지 방식으로 웹에서 내려받기"),
    prepare: FlagLesson.prepare([.delay]),
    // `--set latency=0.2`: the DELAY server's delay, which no cell's code spells out. The
    // number of flags stays 20: the cells show it written out (pop20, and 20 in the prose).
    parameters: [FlagLesson.latencyParameter],
    blocks: [
      prose(
        en: """
          The chapter's running example downloads the flags of the 20 most populous
          countries from a web site, in three styles: one after another, on a pool of
          threads, and as async tasks that share one thread. Each program saves every
          flag as a GIF file and prints the country's code as its flag arrives.

          There is no internet here, and the book's flag site has long gone, so the
          section brings its own: a DELAY server that answers every request after half
          a second, like the slow site of the book's first edition. Live, it runs in
          this process on a free port, as the note above says; in virtual time a mock
          with the same delay answers on the virtual clock.
          """,
        ko: """
          이 장 전체에 걸쳐 쓰는 예제는 인구가 가장 많은 20개 나라의 국기를 웹 사이트에서
          내려받습니다. 방식은 세 가지입니다. 하나씩 차례로, 스레드 풀에서, 그리고 스레드
          하나를 함께 쓰는 비동기 태스크로 내려받습니다. 세 프로그램 모두 국기를 하나하나
          GIF 파일로 저장하고, 국기가 도착할 때마다 그 나라의 코드를 출력합니다.

          여기에는 인터넷이 없고 책의 국기 사이트도 사라진 지 오래이므로, 이 절은 서버를
          직접 띄웁니다. 모든 요청에 0.5초 뒤에 응답하는 DELAY 서버로, 책 초판에 나오던
          느린 사이트를 흉내 냅니다. 실제 시간으로 실행하면 위의 알림에 적힌 대로 이
          프로세스 안에서 빈 포트를 골라 돌아가고, 가상 시간에서는 지연 시간이 같은 모의
          서버가 가상 시계에 맞춰 응답합니다.
          """),
      prose(
        en: """
          The sequential program comes first, and the others borrow most of it.
          getFlag fetches one GIF and saveFlag writes it to disk. show prints a code
          and a space at once: Python's version has to flush standard output, which
          otherwise holds text back, while our console writes every piece as it comes.
          main times a downloadMany function over the 20 codes, and echo prints its
          report as a line. site stands for the book's BASE_URL and DEST_DIR: where
          the flags come from, and where they go.
          """,
        ko: """
          먼저 순차 프로그램입니다. 나머지 두 프로그램도 대부분을 여기서 빌려 씁니다.
          getFlag는 GIF 하나를 받아 오고, saveFlag는 그것을 디스크에 씁니다. show는 코드
          하나와 공백을 한 번에 출력합니다. 파이썬 버전은 표준 출력을 flush해야 합니다.
          그러지 않으면 텍스트가 버퍼에 머물러 있기 때문입니다. 반면 이 노트북의 콘솔은
          조각이 들어오는 대로 바로 씁니다. main은 코드 20개에 대해 downloadMany 함수가
          걸린 시간을 재고, echo는 그 결과 보고를 한 줄로 출력합니다. site는 책의
          BASE_URL과 DEST_DIR을 대신합니다. 국기를 어디서 가져와 어디에 둘지를 정하는
          값입니다.
          """),
      define("flags"),
      prose(
        en: """
          Run it. The codes appear in alphabetical order, one every half second or so,
          because each download starts only when the one before it has finished: the
          program spends nearly all its time waiting for the server to answer.
          """,
        ko: """
          실행해 봅시다. 코드는 알파벳 순서로, 대략 0.5초에 하나씩 나타납니다. 각
          내려받기는 앞의 것이 끝나야 비로소 시작하기 때문입니다. 이 프로그램은 거의 모든
          시간을 서버의 응답을 기다리는 데 씁니다.
          """),
      cell("flags-run") {
        try main(downloadMany)
      },
      prose(
        en: """
          The thread-pool version keeps getFlag, saveFlag, show and main, and brings a
          new downloadMany. downloadOne does the work for one flag, and executor.map
          hands it the sorted codes on a pool of up to 20 threads: a thread per flag,
          so that all twenty requests can wait for the server at the same time.
          Reading the results is how downloadMany waits for the downloads to finish,
          and a download that failed would throw its error right there.
          """,
        ko: """
          스레드 풀 버전은 getFlag, saveFlag, show, main을 그대로 두고 새 downloadMany를
          가져옵니다. downloadOne은 국기 하나에 필요한 일을 하고, executor.map은 스레드를
          최대 20개까지 두는 풀에서 정렬된 코드를 하나씩 downloadOne에 넘깁니다. 국기
          하나에 스레드 하나씩이니, 요청 20개가 모두 동시에 서버를 기다릴 수 있습니다.
          downloadMany는 결과를 읽으면서 내려받기가 끝나기를 기다리며, 실패한 내려받기가
          있다면 바로 그 자리에서 오류를 던집니다.
          """),
      define("flags-threadpool"),
      cell("flags-threadpool-run") {
        try main(FlagsThreadPool.downloadMany)
      },
      prose(
        en: """
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
          """,
        ko: """
          이번에는 코드가 다른 순서로 나옵니다. map은 결과를 입력 순서대로 돌려주지만,
          show를 호출하는 것은 스레드들이고, 각 스레드는 자기 내려받기가 끝나는 순간에
          show를 호출합니다. 그리고 서버의 응답은 정해진 순서 없이 스레드에 도착합니다.

          원래 노트북에서 이 셀을 실행했을 때는 "PKJP"가 찍혔고, 조금 뒤에는
          "FR  PH"가 찍혔습니다. 파이썬의 print는 텍스트를 쓰고 나서 끝 문자인 공백을
          따로 한 번 더 쓰는데, 그 사이에 다른 스레드가 끼어들 수 있습니다. 그래서 PK와
          JP가 붙어 버렸고, 빠진 공백은 나중에 엉뚱한 곳에 나타났습니다. 여기서는 show가
          코드와 공백을 한 조각으로 쓰고, 콘솔은 락을 잡은 채 조각을 통째로 씁니다. 여러
          스레드의 코드가 어떤 순서로든 나올 수는 있어도, 서로 붙어 버리는 일은 없습니다.
          """),
      prose(
        en: """
          The third program starts no thread at all. Its downloads are async tasks:
          when a task waits for the network it is suspended, and the thread runs
          another task meanwhile. runAsync plays the part of asyncio.run: it runs the
          tasks on the runtime's single async thread and blocks the caller until they
          are done. Inside, a task group starts one child task per code and collects
          them as they finish. That is structured concurrency: no task outlives the
          group that started it, and an error thrown by a child reaches the group.

          getFlag needs an async version, one that suspends its task instead of
          blocking the thread, and downloadOne becomes async with it.
          """,
        ko: """
          세 번째 프로그램은 스레드를 하나도 띄우지 않습니다. 내려받기 하나하나가 비동기
          태스크입니다. 태스크가 네트워크를 기다리는 동안에는 일시 중단되고, 그사이
          스레드는 다른 태스크를 실행합니다. runAsync는 asyncio.run의 역할을 맡습니다.
          런타임의 유일한 비동기 스레드에서 태스크들을 실행하고, 모두 끝날 때까지 호출한
          쪽을 블로킹합니다. 안에서는 태스크 그룹이 코드마다 자식 태스크를 하나씩
          시작하고, 끝나는 대로 거둬들입니다. 이것이 구조적 동시성입니다. 어떤 태스크도
          자기를 시작한 그룹보다 오래 살지 않으며, 자식이 던진 오류는 그룹에 전달됩니다.

          getFlag에는 스레드를 블로킹하는 대신 자기 태스크를 일시 중단하는 비동기 버전이
          필요하고, 그에 따라 downloadOne도 비동기 함수가 됩니다.
          """),
      define("flags-async"),
      cell("flags-async-run") {
        try main(FlagsAsync.downloadMany)
      },
      prose(
        en: """
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
          """,
        ko: """
          가상 시간에서는 태스크들이 스레드 때와 같은 순서로 코드를 출력합니다. 순서를
          정하는 것이 모의 서버이기 때문입니다. 응답마다 0.5초에 몇 밀리초의 왕복 시간이
          더해지는데, 이 값은 국기마다 고정되어 있습니다. 실제 시간으로 실행하면 실행할
          때마다 순서가 달라집니다.

          세 프로그램의 시간을 비교해 봅시다. 책은 자기 사이트에 대해 순차 방식 7.18초,
          스레드 1.40초, asyncio 1.35초라는 평균을 제시합니다. 이 절의 서버는 모든 국기에
          똑같이 0.5초를 기다리므로 차이가 더 뚜렷합니다. 순차 프로그램은 그 기다림을 스무
          번 치러 약 10초가 걸리지만, 나머지 둘은 요청 20개가 함께 기다리므로 거의 한 번만
          치릅니다. 대부분의 시간을 기다리는 데 쓰는 프로그램이라면 스레드와 비동기
          태스크는 똑같이 잘 해냅니다.

          파이썬 스레드는 파이썬 코드를 번갈아 가며 실행하지만(전역 인터프리터 락, GIL),
          그래도 이 프로그램을 빠르게 만듭니다. 네트워크를 기다리는 스레드는 다른 스레드가
          실행되도록 자리를 비켜 주기 때문입니다. Swift의 스레드는 모든 코어에서 병렬로
          실행되지만, 할 일이 기다리는 것뿐인 여기서는 아무것도 달라지지 않습니다.
          """),
      prose(
        en: """
          Where are the futures? executor.map keeps them out of sight. A future stands
          for work that has been handed over and may not have finished yet: you can
          ask whether it is done, wait for its result, or have a function called when
          it completes. You never make one yourself: executor.submit makes it when it
          schedules the work, and gives it back to you.

          The next version shows them: only the first five codes, on three threads,
          each submitted on its own and its future printed as soon as submit returns.
          Then asCompleted hands the futures back in the order they complete, and the
          loop prints each one with its result.
          """,
        ko: """
          퓨처는 어디에 있을까요? executor.map은 퓨처를 보이지 않게 감춥니다. 퓨처는
          넘겨졌지만 아직 끝나지 않았을 수도 있는 작업을 나타냅니다. 작업이 끝났는지
          물어볼 수도, 결과를 기다릴 수도, 작업이 끝나면 호출될 함수를 걸어 둘 수도
          있습니다. 퓨처는 직접 만들지 않습니다. executor.submit이 작업을 예약하면서
          퓨처를 만들어 돌려줍니다.

          다음 버전은 퓨처를 드러내 보입니다. 처음 다섯 개 코드만 스레드 세 개에서
          내려받는데, 코드마다 따로 제출하고 submit이 반환하자마자 그 퓨처를 출력합니다.
          그다음 asCompleted가 퓨처를 완료된 순서대로 돌려주면, 루프가 퓨처마다 결과와
          함께 출력합니다.
          """),
      define("flags-as-completed"),
      cell("flags-as-completed-run") {
        try main(FlagsAsCompleted.downloadMany)
      },
      prose(
        en: """
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
          """,
        ko: """
          상태를 살펴봅시다. 퓨처는 스레드가 작업을 가져가기 전까지는 pending, 작업이
          실행되는 동안은 running, 작업이 반환하고 나면 finished입니다. 처음 세 퓨처가
          running으로 보일지는 출력하는 메인 스레드와 막 시작하는 풀의 스레드들 사이의
          경쟁에 달려 있습니다. 가상 시간에서는 새 스레드가 곧바로 프로세서를 얻으므로, 각
          줄이 출력될 무렵에는 스레드가 이미 작업을 가져갔습니다. 실제 시간에서는 대개
          출력이 이겨서 다섯 개 모두 pending으로 보입니다. IN과 US는 어느 쪽이든
          pending입니다. 스레드 세 개가 모두 바쁘고, 두 작업은 0.5초 뒤 스레드가 비어야
          시작하기 때문입니다.

          결과 줄은 모두 퓨처가 완료되기 직전에 워커가 출력한 코드로 시작합니다. 실제
          시간에서는 처음 세 내려받기가 몇 밀리초 차이로 끝날 수 있어서, 그 코드들이 첫
          결과 줄보다 모두 먼저 나올 수도 있습니다.

          이 장의 나머지 부분이 기대고 있는 퓨처의 성질은 다음과 같습니다.

          - isDone은 절대 블로킹하지 않습니다. 작업이 끝났는지(또는 취소되었는지)만 알려
            줍니다.
          - result()는 작업이 끝날 때까지 블로킹한 다음, 값을 반환하거나 오류를 던집니다.
            result(timeout:)은 그 시간이 지나면 타임아웃 오류를 내며 포기합니다.
          - addDoneCallback(fn)을 해 두면, 퓨처가 완료되는 즉시 fn이 그 퓨처를 인자로 받아
            호출됩니다. 호출되는 곳은 퓨처를 완료한 스레드입니다.
          - asCompleted를 도는 루프 안에서 result()는 절대 블로킹하지 않습니다.
            asCompleted는 끝난 퓨처만 내주기 때문입니다.

          파이썬에는 같은 개념 위에 세운 Future 클래스가 두 개 있습니다. 하나는
          concurrent.futures에, 다른 하나는 asyncio에 있습니다. Swift의 비동기 코드에는
          Task가 있고, 그 값은 await로 기다립니다. 구조적인 코드에서는 Task를 직접 들고
          있을 일이 드뭅니다. 태스크 그룹이나 async let이 자식 태스크를 대신 관리해 주기
          때문입니다.
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
