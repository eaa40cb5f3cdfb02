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
    title: Localized(
      en: "Downloads with progress display and error handling", ko: "진행 상황 표시와 오류 처리를 갖춘 내려받기"),
    prepare: FlagLesson.prepare([.delay, .error]),
    blocks: [
      prose(
        en: """
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
          """,
        ko: """
          flags2 프로그램은 17.1의 국기 내려받기 프로그램이 한층 자란 모습입니다. 옵션을
          받고, 진행 막대를 그리며, 오류가 나도 멈추지 않고 코드마다 내려받음, 없음(not
          found), 실패 중 하나로 셉니다. 이 절에서는 먼저 노트북에서 했던 대로 이
          프로그램들을 실행해 본 다음, 속을 열어 봅니다. 오류를 어떻게 처리하는지, 스레드
          풀이 asCompleted로 결과를 어떻게 거둬들이는지, 그리고 실행기(executor)가 맞지
          않을 때는 어떤 방법이 있는지 살펴봅니다.

          먼저 진행 막대입니다. 책에서는 tqdm을 씁니다. tqdm은 어떤 루프든 감싸서 진행
          막대를 최신 상태로 유지하며, 얼마나 진행했는지, 지금까지 얼마나 걸렸는지, 앞으로
          얼마나 남았는지, 그리고 처리 속도를 보여 줍니다. ProgressBar는 같은 일을 직접
          합니다. 전체 단계 수를 주고 만든 뒤, 단계마다 update()를 호출하면 됩니다.
          여기서는 10ms짜리 단계 1000개를 실행합니다.
          """),
      cell("tqdm") {
        let bar = progressBar(total: 1000)
        for _ in 0..<1000 {
          sleep(seconds: 0.01)
          bar.update()
        }
      },
      prose(
        en: """
          A thousand steps of 10 ms take 10 seconds: exactly 100 steps a second in
          virtual time, where sleeping costs nothing. Live, each wake-up costs a little
          real time, and the rate comes out a bit lower (the notebook's run measured
          96.60 it/s). On a terminal the bar moves as you watch; the cell's output
          keeps only its last state, as a transcript does.

          The three flags2 programs take the same options. Here is the thread-pool
          version's help, as the notebook printed it with -h:
          """,
        ko: """
          10ms짜리 단계 1000개는 10초가 걸립니다. 잠드는 데 비용이 들지 않는 가상
          시간에서는 정확히 초당 100단계입니다. 실제 시간에서는 깨어날 때마다 시간이
          조금씩 더 들기 때문에 속도가 약간 낮게 나옵니다(노트북에서는 96.60 it/s가
          측정되었습니다). 터미널에서는 막대가 눈앞에서 움직이지만, 셀의 출력에는
          트랜스크립트처럼 마지막 상태만 남습니다.

          flags2 프로그램 세 개는 같은 옵션을 받습니다. 다음은 노트북에서 -h로 출력했던
          스레드 풀 버전의 도움말입니다.
          """),
      cell("flags2-help") {
        try flags2("threadpool --help")
      },
      prose(
        en: """
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
          """,
        ko: """
          노트북에서는 이 프로그램들을 책의 사이트를 가리키는 -s REMOTE로 실행했습니다. 그
          무렵에는 사이트가 이미 사라져서 모든 요청이 404로 돌아왔고, 세 번의 실행 모두
          내려받은 국기는 0개, 찾지 못한 코드는 각각 20, 78, 100개였습니다. (여기에는
          인터넷이 아예 없으므로, REMOTE로 실행하면 대신 연결 오류가 집계됩니다.)

          우리는 이 절의 서버를 씁니다. -s DELAY는 모든 요청에 0.5초 뒤에 응답하는
          서버이고, -s ERROR는 응답의 절반쯤을 지연시키는 데다 요청의 4분의 1은 500
          Internal Server Error로 실패시킵니다. 두 서버 모두 맨 위의 알림에 적힌 대로 이
          프로세스 안에서 돌아가므로, 각 실행의 첫 줄에 서버가 기다리는 포트가 나옵니다.
          가상 시간에서는 모의 서버가 평소 포트인 8002와 8003에서 응답합니다. 국기는
          downloads/가 아니라 이 절의 폴더에 저장됩니다.
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
        en: """
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
          """,
        ko: """
          국기 20개를 하나씩 받으면 이번에도 10초가 걸립니다. 스레드 풀 버전은 AA부터
          CZ까지 코드 78개를 한 번에 30개씩 찾습니다. 그중 43개는 국기가 있고 35개는
          없으며, 0.5초씩 세 차례면 다 알아냅니다. 비동기 버전은 존재하는 국기 194개
          가운데 처음 100개를(-al 100은 -a -l 100과 같습니다) 한꺼번에(-m 100) 요청하는데,
          상대는 요청의 4분의 1을 실패시키는 서버입니다. 실패는 나머지와 구별해 오류로
          집계됩니다.

          어느 실행에서든 각 코드는 내려받음, 없음, 오류 중 하나로 정확히 한 번
          집계됩니다. flags2는 세 집계의 합이 요청받은 코드 수와 같은지 확인하고, 다르면
          오류를 내며 멈춥니다. 그래서 내려받기 하나가 아무도 모르게 사라지는 일은 생길 수
          없습니다.
          """),
      prose(
        en: """
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
          """,
        ko: """
          17.5.1  flags2의 오류 처리
          --------------------------

          세 프로그램은 오류를 똑같이 처리합니다. getFlag는 책에서 raise_for_status()가
          하듯 200이 아닌 응답을 모두 HTTPStatusError로 바꿉니다. 그다음부터 오류들은 갈
          길이 나뉩니다. downloadOne은 404만 잡고 나머지는 잡지 않습니다. 국기가 없다는
          것은 그 코드 하나에 대한 평범한 결과라서 일어난 자리에서 처리하는 것이 가장
          좋고, 그래서 "not found" 상태가 됩니다. 그 밖의 오류(500, 연결 거부, 타임아웃)는
          무언가 잘못되었다는 뜻이므로 downloadMany로 올라갑니다. downloadMany는 오류를
          보고하고 집계를 관리하는 유일한 곳이며, 다음 코드로 계속 진행할지 결정할 수 있는
          곳입니다.
          """),
      define("flags2-sequential-get-flag"),
      define("flags2-sequential-download-one"),
      prose(
        en: """
          downloadMany counts the statuses in a dictionary, as Python's Counter does.
          Without -v it moves the progress bar once per code; with -v it prints a line
          per code, and each error with the code it belongs to. errorMessage is a new
          constant for every code, so no error can be reported for the wrong flag
          (the book's asyncio version kept one variable for the whole loop, and could).
          """,
        ko: """
          downloadMany는 파이썬의 Counter처럼 딕셔너리로 상태별 개수를 셉니다. -v가 없으면
          코드마다 진행 막대를 한 칸씩 움직이고, -v가 있으면 코드마다 한 줄씩 출력하며
          오류는 해당 코드와 함께 보여 줍니다. errorMessage는 코드마다 새로 만드는
          상수이므로, 오류가 엉뚱한 국기의 것으로 보고될 수 없습니다. (책의 asyncio 버전은
          루프 전체에서 변수 하나를 썼기 때문에 그럴 수 있었습니다.)
          """),
      define("flags2-sequential-download-many"),
      cell("flags2-sequential-errors") {
        try flags2("sequential -s ERROR -v -l 12 c")
      },
      prose(
        en: """
          Twelve codes, CA to CL: six flags downloaded, five codes with no flag, and
          one code, CD, that the server failed. Six, five and one make twelve.
          """,
        ko: """
          CA부터 CL까지 코드 12개 가운데 국기 6개를 내려받았고, 코드 5개는 국기가
          없었으며, 코드 하나(CD)는 서버가 실패시켰습니다. 6, 5, 1을 더하면 12입니다.
          """),
      prose(
        en: """
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
          """,
        ko: """
          17.5.2  asCompleted 사용하기
          ----------------------------

          flags2 threadpool은 downloadOne을 순차 프로그램과 함께 쓰고, downloadMany는 따로
          가집니다. 코드마다 downloadOne을 하나씩 제출하고, 퓨처를 두 군데에 보관합니다.
          하나는 asCompleted가 지켜볼 리스트이고, 다른 하나는 퓨처에서 코드로 가는
          딕셔너리입니다. asCompleted는 퓨처를 돌려주는데 오류 메시지에는 코드가 필요하기
          때문입니다. 진행 막대는 asCompleted가 퓨처를 하나 내줄 때마다 한 칸씩
          움직이므로, 순서와 상관없이 내려받기가 끝나는 대로 나아갑니다. result()는
          내려받기가 워커 스레드에서 던진 오류를 메인 스레드에서 다시 던지고, 그 오류는
          앞에서와 같은 방식으로 처리되어 집계됩니다.
          """),
      define("flags2-threadpool-download-many"),
      cell("flags2-threadpool-errors") {
        try flags2("threadpool -s ERROR -v c")
      },
      prose(
        en: """
          All 26 requests go out at once, on 26 threads. The answers the server does
          not delay come back within a few milliseconds, the others half a second
          later, and the lines follow: completion order, not alphabetical order, with
          each error next to its own code.
          """,
        ko: """
          요청 26개가 스레드 26개에서 한꺼번에 나갑니다. 서버가 지연시키지 않은 응답은 몇
          밀리초 안에, 나머지는 0.5초 뒤에 돌아오고, 출력 줄도 그 순서를 따릅니다. 알파벳
          순서가 아니라 완료 순서이며, 오류는 저마다 자기 코드 옆에 나옵니다.
          """),
      prose(
        en: """
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
          """,
        ko: """
          17.5.3  스레드와 큐
          -------------------

          대부분의 경우에는 실행기로 충분합니다. 함수를 넘기면 퓨처를 돌려받습니다.
          실행기가 맞지 않을 때는 파이썬의 threading 모듈처럼 스레드를 직접 시작하고, 큐를
          통해 일을 넘겨줄 수 있습니다. 큐는 여러 스레드가 안전하게 함께 쓸 수 있습니다.
          put과 get은 어느 스레드에서든 언제든 호출할 수 있고, 큐가 비어 있는 동안 get은
          블로킹하며, 항목은 들어간 순서대로 나옵니다. Futures 라이브러리의 Queue는
          파이썬의 queue.Queue에 해당하며, 런타임의 락과 조건 변수 위에 만들어졌습니다.

          아래에서는 워커 스레드 네 개가 큐 하나에서 코드를 꺼내 내려받다가, 더는 할 일이
          없다는 신호인 nil을 만나면 멈춥니다. 각 스레드는 순차 프로그램의 downloadOne을
          재사용하는 downloadWorker를 실행합니다.
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
        en: """
          Four workers and twenty half-second downloads make five rounds: the lines
          come four at a time, and the whole takes two and a half seconds. This is
          what a thread pool does inside, and what ThreadPoolExecutor spares you: the
          queue, the workers, the signal to stop, and a way to hand back each result
          or error, which is what a future is.

          Threads suit work that waits, as downloads do. For work that computes,
          Python turns to processes, because its threads take turns at running Python
          code; ProcessPoolExecutor offers the same interface as the thread pool, and
          section 17.3 is about it.
          """,
        ko: """
          워커 네 개와 0.5초짜리 내려받기 20개면 다섯 차례가 됩니다. 줄은 네 개씩 나오고,
          전체는 2.5초가 걸립니다. 이것이 스레드 풀이 안에서 하는 일이고,
          ThreadPoolExecutor가 덜어 주는 수고입니다. 큐, 워커들, 멈추라는 신호, 그리고
          결과나 오류를 하나하나 돌려줄 방법 말입니다. 그 방법이 바로 퓨처입니다.

          스레드는 내려받기처럼 기다리는 일에 알맞습니다. 계산하는 일이라면 파이썬에서는
          프로세스를 씁니다. 파이썬 스레드는 파이썬 코드를 번갈아 가며 실행하기
          때문입니다. ProcessPoolExecutor는 스레드 풀과 같은 인터페이스를 제공하며,
          17.3절에서 다룹니다.
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
