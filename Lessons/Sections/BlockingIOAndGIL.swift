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

// cell: actor-counter
/// The count with an owner: an actor runs its methods one at a time, so
/// no two increments overlap, whichever threads the tasks run on.
actor Counter {
  private(set) var count = 0

  func increment() { count += 1 }
}

/// The same thousand child tasks, each asking the actor to add one.
func countWithAnActor() async -> Int {
  let counter = Counter()
  await withTaskGroup(of: Void.self) { group in
    for _ in 0..<1000 {
      group.addTask { await counter.increment() }
    }
  }
  return await counter.count
}
// end cell

/// Section 17.2: threads that wait overlap, threads that compute use every core, what
/// CPython's global interpreter lock changes about both, and what Swift 6 checks instead.
enum BlockingIOAndGIL {
  static let section = Section(
    id: "17.2",
    title: Localized(en: "Blocking I/O and the GIL", ko: "블로킹 I/O와 GIL"),
    prepare: FlagLesson.prepare([.delay]),
    blocks: [
      prose(
        en: """
          CPython runs Python code one thread at a time. Its global interpreter lock,
          the GIL, is a single lock that a thread must hold while it runs Python
          code, so a Python program's threads never compute on two cores at once.
          Yet threads made 17.1's downloads many times faster. The reason is that
          a thread waiting for the network is not running Python code: every
          function of the standard library that blocks on I/O lets go of the GIL
          while it waits, and the other threads carry on.

          Swift has no GIL: its threads run on every core at once. This section
          measures both sides, waiting and computing, first with Swift's threads,
          then under a GIL of our own that works as CPython's does. It ends with
          what Swift has instead of a GIL to keep threads from spoiling each
          other's data.

          measure times a batch of jobs on a pool of threads. Besides the elapsed
          time it reads the CPU time, how long the program kept cores busy in all:
          the process's own count from the operating system, live, and the busy
          time of the virtual cores in virtual time.
          """,
        ko: """
          CPython은 파이썬 코드를 한 번에 한 스레드에서만 실행합니다. 전역 인터프리터 락,
          곧 GIL은 스레드가 파이썬 코드를 실행하는 동안 반드시 쥐고 있어야 하는 단 하나의
          락입니다. 그래서 파이썬 프로그램의 스레드들은 두 코어에서 동시에 계산하는 일이
          결코 없습니다. 그런데도 17.1에서는 스레드 덕분에 내려받기가 몇 배나
          빨라졌습니다. 네트워크를 기다리는 스레드는 파이썬 코드를 실행하고 있지 않기
          때문입니다. 표준 라이브러리에서 I/O로 블로킹되는 함수는 모두 기다리는 동안 GIL을
          놓아주고, 그사이 다른 스레드들이 하던 일을 이어 갑니다.

          Swift에는 GIL이 없습니다. Swift의 스레드는 모든 코어에서 동시에 실행됩니다. 이
          절에서는 기다리기와 계산하기, 두 가지를 모두 재 봅니다. 먼저 Swift의 스레드로,
          그다음에는 CPython의 GIL과 똑같이 동작하도록 직접 만든 GIL 아래에서 잽니다.
          끝으로, 스레드들이 서로의 데이터를 망가뜨리지 않도록 Swift가 GIL 대신 무엇을
          갖추고 있는지 살펴봅니다.

          measure는 스레드 풀에서 작업 한 묶음을 실행하며 시간을 잽니다. 경과 시간과 함께
          CPU 시간, 곧 프로그램이 코어들을 모두 합쳐 얼마 동안 바쁘게 했는지도 읽습니다.
          실제 시간으로 실행하면 운영 체제가 세는 이 프로세스의 값을, 가상 시간에서는 가상
          코어들이 바빴던 시간을 읽습니다.
          """),
      define("measure"),
      prose(
        en: """
          First, waiting. Four downloads from the DELAY server of 17.1, which
          answers after half a second: on one thread they take their turns, on
          four threads they wait together.
          """,
        ko: """
          먼저 기다리기입니다. 0.5초 뒤에 응답하는 17.1의 DELAY 서버에서 국기 네 개를
          내려받습니다. 스레드 하나에서는 차례대로 하나씩 기다리고, 스레드 네 개에서는 다
          함께 기다립니다.
          """),
      cell("downloads") {
        let codes = Array(pop20.prefix(4))
        try measure("downloads", threads: 1, codes, getFlag)
        try measure("downloads", threads: 4, codes, getFlag)
      },
      prose(
        en: """
          Four threads take the time of one download, not four. And neither run
          used any CPU time to speak of: a thread that waits for the network sleeps
          in the kernel until an answer arrives, and a sleeping thread costs no
          CPU. That is why threads suit I/O-bound work so well, in Python as in
          Swift.

          Now computing. crunch stands for any job that only computes: it keeps a
          core busy for half a second, without waiting for anything.
          """,
        ko: """
          스레드 네 개로는 내려받기 네 번이 아니라 한 번만큼의 시간이 걸립니다. 그리고 두
          실행 모두 CPU 시간은 거의 쓰지 않았습니다. 네트워크를 기다리는 스레드는 응답이
          올 때까지 커널 안에서 잠들어 있고, 잠든 스레드는 CPU를 쓰지 않습니다. 그래서
          스레드는 파이썬에서나 Swift에서나 I/O 바운드 작업에 아주 잘 맞습니다.

          이제 계산하기입니다. crunch는 계산만 하는 작업이라면 무엇이든 대신합니다.
          아무것도 기다리지 않고 코어 하나를 0.5초 동안 바쁘게 만듭니다.
          """),
      define("crunch"),
      cell("cpu-threads") {
        let n = min(Runtime.current.cpuCount, 4)
        try measure("crunches", threads: 1, Array(0..<n), crunch)
        try measure("crunches", threads: n, Array(0..<n), crunch)
      },
      prose(
        en: """
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
          """,
        ko: """
          n은 코어마다 작업 하나씩, 최대 네 개입니다. 가상 런타임에는 코어가 네 개 있고,
          실제 시간으로 실행하면 여러분 컴퓨터의 코어 수를 따릅니다. 스레드 하나에서는
          작업이 하나씩 차례로 실행됩니다. 스레드 n개에서는 작업들이 코어 n개에서 동시에
          실행되므로, 경과 시간은 작업 하나의 시간으로 줄어들고 CPU 시간은 작업에 드는
          만큼 그대로입니다. CPU 시간이 경과 시간보다 크다면 둘 이상의 코어가 동시에
          바빴다는 뜻입니다.

          바로 이것이 파이썬 프로그램의 스레드가 할 수 없는 일입니다. SimulatedGIL이
          CPython의 GIL 역할을 맡습니다. 스레드가 작업을 조금이라도 하려면 반드시 쥐고
          있어야 하는 락입니다. 락을 전환 간격(switch interval), 곧 CPython과 같은 5밀리초
          동안 쥐고 있던 스레드는 기다리는 다음 스레드에게 락을 넘기고 다시 줄을 섭니다.
          SimulatedGIL의 blocking 메서드는 CPython의 I/O 함수들처럼, 기다리는 호출을 하는
          동안에는 락을 놓아줍니다. 다음은 작업과 getFlag를 파이썬 스레드에서 실행되는
          모습으로 고쳐 쓴 것입니다.
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
        en: """
          More threads, no gain: with the GIL the n threads take as long as one
          thread doing all the jobs. They still run on n cores, but only the
          thread holding the GIL may compute, and every 5 milliseconds the lock
          moves to the next thread in line. The elapsed time equals the CPU time:
          one core busy at a time. This is why CPU-bound Python code gains nothing
          from a thread pool, and why 17.3 turns to processes, each with a GIL of
          its own.

          Waiting is another matter. Four downloads under the same kind of GIL,
          while a fifth thread computes and wants the lock all the time:
          """,
        ko: """
          스레드를 늘려도 얻는 것이 없습니다. GIL이 있으면 스레드 n개로 실행해도 스레드
          하나가 작업을 모두 할 때만큼 시간이 걸립니다. 스레드들은 여전히 코어 n개에서
          실행되지만, 계산할 수 있는 것은 GIL을 쥔 스레드뿐이고, 락은 5밀리초마다 줄을 선
          다음 스레드에게 넘어갑니다. 경과 시간이 CPU 시간과 같습니다. 한 번에 코어 하나만
          바빴다는 뜻입니다. 이 때문에 CPU 바운드 파이썬 코드는 스레드 풀을 써도 얻는 것이
          없고, 17.3에서는 저마다 GIL을 따로 가진 프로세스로 눈을 돌립니다.

          기다리기는 사정이 다릅니다. 이번에는 같은 종류의 GIL 아래에서 국기 네 개를
          내려받되, 그동안 다섯 번째 스레드가 계산하면서 쉴 새 없이 락을 요구하게 합니다.
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
        en: """
          The downloads take about as long as they did without the GIL. Each
          thread needs the lock only for the moment it takes to send its request
          and to read the answer, waiting at most one switch interval for its turn;
          it waits for the network without it, while the cruncher computes. The
          CPU time is the cruncher's, working meanwhile. For I/O-bound work the
          GIL does little harm: Python threads overlap their waits just as Swift's
          do.
          """,
        ko: """
          내려받기에는 GIL이 없을 때와 거의 같은 시간이 걸립니다. 각 스레드는 요청을
          보내고 응답을 읽는 잠깐 동안만 락이 필요하고, 자기 차례를 기다리는 시간도 길어야
          전환 간격 한 번입니다. 네트워크는 락 없이 기다리며, 그사이 cruncher가
          계산합니다. CPU 시간은 그동안 일한 cruncher의 몫입니다. I/O 바운드 작업에서는
          GIL이 별로 해가 되지 않습니다. 파이썬 스레드도 Swift의 스레드와 똑같이 기다리는
          시간을 서로 겹칠 수 있습니다.
          """),
      prose(
        en: """
          The GIL does one more thing, which Swift's threads must do without: it
          keeps the interpreter's own data whole. Two Python threads never change
          one list or one reference count at the same instant, as only one of them
          runs at a time. It does not make the program's own updates safe:
          count += 1 reads, adds and writes back, and Python does not promise that
          no other thread runs in between.

          Swift's threads do run at the same instant, on different cores, and two
          of them changing one variable without a lock are a data race, whose
          outcome Swift does not define: lost increments at best. Swift 6 does not
          wait for one to happen. In the Swift 6 language mode the compiler checks
          what each task and thread can reach, and refuses to build a program in
          which two of them could reach the same mutable state unguarded. Here is
          such a program: a thousand child tasks of a task group, each adding one
          to the same variable.
          """,
        ko: """
          GIL이 하는 일이 하나 더 있습니다. Swift의 스레드는 누리지 못하는 보호로,
          인터프리터 자신의 데이터를 온전하게 지켜 주는 일입니다. 한 번에 한 스레드만
          실행되므로, 두 파이썬 스레드가 같은 리스트나 같은 참조 카운트를 같은 순간에
          바꾸는 일은 없습니다. 하지만 프로그램 자신의 갱신까지 안전하게 만들어 주지는
          않습니다. count += 1은 읽고, 더하고, 다시 쓰는 일이고, 그 사이에 다른 스레드가
          실행되지 않는다는 약속은 파이썬에 없습니다.

          Swift의 스레드는 정말로 같은 순간에 서로 다른 코어에서 실행됩니다. 두 스레드가
          락 없이 한 변수를 바꾸면 데이터 경합이 되고, Swift는 그 결과를 정의하지
          않습니다. 잘해야 더한 값을 잃어버리는 정도입니다. Swift 6은 경합이 일어나기를
          기다리지 않습니다. Swift 6 언어 모드에서 컴파일러는 태스크와 스레드가 저마다
          무엇에 닿을 수 있는지 검사하고, 둘이 보호 없이 같은 가변 상태에 닿을 수 있는
          프로그램은 빌드하지 않습니다. 다음이 그런 프로그램입니다. 태스크 그룹의 자식
          태스크 천 개가 저마다 같은 변수에 1을 더합니다.
          """),
      .listing(DataRaceListing.listing),
      prose(
        en: """
          addTask sends its closure away to run concurrently with the code that
          made it, yet the closure captures count, a variable that the parent task
          and the 999 other children reach too. The error points at addTask, the
          note at count. In the Swift 5 language mode the same file compiles
          without a word.

          The check is about what could happen, not what will. In this notebook
          runAsync would run all the tasks on one thread, as asyncio does, but the
          compiler judges the code, not the executor: in a plain Swift program the
          children run on a thread per core.

          The remedy is to give count an owner. An actor is an object whose methods
          run one at a time: a task that calls one waits its turn, which is what its
          await says, and no code outside the actor can touch count at all.
          """,
        ko: """
          addTask는 클로저를 떠나보내, 그 클로저를 만든 코드와 동시에 실행되게 합니다.
          그런데 이 클로저는 count를 캡처합니다. 부모 태스크와 나머지 자식 999개도 닿는
          변수입니다. 오류(error)는 addTask를, 노트(note)는 count를 가리킵니다. Swift 5
          언어 모드에서는 같은 파일이 아무 말 없이 컴파일됩니다.

          이 검사는 일어날 일이 아니라 일어날 수 있는 일을 봅니다. 이 노트북에서라면
          runAsync가 asyncio처럼 모든 태스크를 스레드 하나에서 실행하겠지만, 컴파일러는
          실행기가 아니라 코드를 판단합니다. 평범한 Swift 프로그램에서는 자식 태스크들이
          코어마다 하나씩 있는 스레드에서 실행됩니다.

          해결책은 count에 주인을 정해 주는 것입니다. 액터는 메서드가 한 번에 하나씩만
          실행되는 객체입니다. 메서드를 부르는 태스크는 자기 차례를 기다리며, await가 바로
          그 뜻입니다. 그리고 액터 바깥의 코드는 count에 아예 손댈 수 없습니다.
          """),
      define("actor-counter"),
      cell("actor-count") {
        let count = try Runtime.current.runAsync { await countWithAnActor() }
        echo("1000 increments, count = \(count)")
      },
      prose(
        en: """
          A thousand increments, and the count is a thousand: in every run, live or
          virtual, and in every interleaving lessons explore tries. That is Swift's
          answer to what the GIL does for CPython. Not one lock around all the code,
          which lets one thread run at a time, but a check at compile time that what
          tasks and threads share is Sendable: immutable, or guarded by an actor or
          a lock. The threads are then free to run in parallel. The check has its
          escape hatches, @unchecked Sendable and nonisolated(unsafe), and each one
          must be written out by hand.
          """,
        ko: """
          천 번 더했고 count는 천입니다. 실제 시간이든 가상 시간이든 실행할 때마다, 그리고
          lessons explore가 시도하는 모든 인터리빙에서 그렇습니다. 이것이 GIL이 CPython에
          해 주는 일에 대한 Swift의 답입니다. 한 번에 한 스레드만 실행되게 하는, 모든
          코드를 감싼 락 하나가 아닙니다. 태스크와 스레드가 함께 쓰는 것이 Sendable인지,
          곧 불변이거나 액터나 락이 지키고 있는지를 컴파일할 때 검사합니다. 그러면
          스레드들은 마음껏 병렬로 실행될 수 있습니다. 이 검사에도 빠져나갈 구멍은
          있습니다. @unchecked Sendable과 nonisolated(unsafe)인데, 어느 쪽이든 손으로 직접
          써 넣어야 합니다.
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
      Invariant("the actor's count is 1000, whichever order the tasks run in") { run in
        let output = run.cell(named: "actor-count")?.output ?? ""
        return output == "1000 increments, count = 1000\n" ? nil : "the cell printed \(output)"
      },
    ])
}
