import Foundation
import Testing

@Suite("lessons --set and --params")
struct ParametersCLITests {
  private func transcript(_ id: String) throws -> String {
    try String(contentsOf: CLI.transcripts.appendingPathComponent("\(id).txt"), encoding: .utf8)
  }

  @Test("--params lists the knobs with their defaults, ranges and help, and runs nothing")
  func params() throws {
    let outcome = try CLI.run(["17.4", "--params"])
    #expect(outcome.status == 0)
    #expect(outcome.stderr.isEmpty)
    #expect(
      outcome.stdout == """
        17.4  Experimenting with Executor.map
          workers  default 3  1 to 10  threads in the pool
          calls    default 5  1 to 5   calls of loiter, from loiter(0)

        Change one with --set NAME=VALUE, such as 'lessons 17.4 --set workers=5'.

        """)
    let all = try CLI.run(["all", "--params"])
    #expect(all.stdout.contains("  latency  default 0.5  0.1 to 2  seconds the DELAY server"))
    #expect(
      all.stdout.contains(
        "17.5  Downloads with progress display and error handling\n"
          + "  no parameters\n"))
  }

  @Test(
    "a bad --set is one usage line naming the range or the knobs there are",
    arguments: [
      (
        ["17.4", "--set", "workers=0"],
        "lessons: --set workers must be a whole number from 1 to 10, not '0'"
      ),
      (
        ["17.4", "--set", "calls=6"],
        "lessons: --set calls must be a whole number from 1 to 5, not '6'"
      ),
      (
        ["17.1", "--set", "latency=fast"],
        "lessons: --set latency must be seconds from 0.1 to 2, "
          + "not 'fast'"
      ),
      (
        ["17.4", "--set", "worker=5"],
        "lessons: 17.4 has no parameter 'worker' (its parameters: workers and calls)"
      ),
      (["17.5", "--set", "workers=5"], "lessons: 17.5 has no parameter 'workers' (it has none)"),
      (
        ["all", "--set", "threads=5"],
        "lessons: no section has a parameter 'threads' (known: latency, workers, calls)"
      ),
      (
        ["17.4", "--set", "workers"],
        "lessons: --set takes NAME=VALUE, such as workers=5, not 'workers'"
      ),
      (["17.4", "--set"], "lessons: --set needs a value (see 'lessons --help')"),
      (
        ["--set", "workers=5"],
        "lessons: name a section to run, such as 'lessons 17.4' (see 'lessons --help')"
      ),
      (
        ["--params"],
        "lessons: name a section to run, such as 'lessons 17.4' (see 'lessons --help')"
      ),
      (
        ["explore", "17.4", "--set", "workers=11"],
        "lessons explore: --set workers must be a whole number from 1 to 10, not '11'"
      ),
    ])
  func usageErrors(arguments: [String], message: String) throws {
    let outcome = try CLI.run(arguments + ["--virtual"].filter { _ in arguments[0] != "explore" })
    #expect(outcome.status == 2)
    #expect(outcome.stderr == message + "\n")
    #expect(outcome.stdout.isEmpty)
    #expect(message.count <= 80)
  }

  @Test("with the default value set, the run is the transcript, byte for byte")
  func defaultIsTranscript() throws {
    let outcome = try CLI.run(["17.4", "--virtual", "--set", "workers=3", "--set", "calls=5"])
    #expect(outcome.status == 0)
    #expect(outcome.stdout == (try transcript("17.4")))
  }

  @Test("17.3's workers knob sets the largest pool of Table 17-1; the code says where from")
  func tableWorkers() throws {
    let outcome = try CLI.run(["17.3", "--virtual", "--set", "workers=2"])
    #expect(outcome.status == 0, "\(outcome.stderr)")
    #expect(outcome.stdout.contains("With workers=2 (default 4), from --set;"))
    #expect(outcome.stdout.contains("    let most = parameters.workers\n"))
    let rows = outcome.stdout.split(separator: "\n").filter {
      $0.hasPrefix("      1 ") || $0.hasPrefix("      2 ") || $0.hasPrefix("      3 ")
    }
    #expect(rows.count == 2, "\(rows)")
    #expect(
      rows.last?.hasPrefix("      2    6.00s  2.00x    12.00s  1.00x     6.00s  2.00x") == true)
  }

  @Test("'all --set calls=4' changes 17.4 only; the header says so; the others are as ever")
  func allSections() throws {
    let outcome = try CLI.run(["all", "--virtual", "--set", "calls=4"])
    #expect(outcome.status == 0)
    #expect(outcome.stderr.isEmpty)
    let others = try FileManager.default.contentsOfDirectory(atPath: CLI.transcripts.path)
      .filter { $0.hasSuffix(".txt") && $0 != "17.4.txt" }
    #expect(others.count >= 2)
    for name in others {
      let text = try transcript(String(name.dropLast(4)))
      #expect(outcome.stdout.contains(text), "\(name) is printed as it is")
    }
    let start = try #require(outcome.stdout.range(of: "17.4  Experimenting with Executor.map\n"))
    let middle = outcome.stdout[start.lowerBound...]
    #expect(
      middle.hasPrefix(
        """
        17.4  Experimenting with Executor.map
        =====================================

        With calls=4 (default 5), from --set; the prose describes the defaults.

        """))
    #expect(middle.contains("    try withThreadPoolExecutor(maxWorkers: 3) {"))
    #expect(middle.contains("      let results = try executor.map(loiter, 0..<parameters.calls)"))
    #expect(middle.contains("result 3: 30\n") && !middle.contains("result 4: 40"))
  }

  @Test("--set works with --seed and --timeline: 4 s with five workers, one lane each")
  func seedAndTimeline() throws {
    let outcome = try CLI.run(["17.4", "--seed", "7", "--set", "workers=5", "--timeline"])
    #expect(outcome.status == 0)
    #expect(outcome.stdout.contains("Timeline of In [2], 4s (= running, . waiting)"))
    #expect(outcome.stdout.contains("ThreadPoolExecutor-0_3"))
    #expect(outcome.stdout.contains("] result 4: 40\n"))
    for line in outcome.stdout.split(separator: "\n") {
      #expect(line.count <= 80 || line.contains("\t"), "\(line)")
    }
  }

  @Test("explore --set checks the invariants with the values in force")
  func explore() throws {
    let outcome = try CLI.run(["explore", "17.4", "--seeds", "30", "--set", "workers=1"])
    #expect(outcome.status == 0)
    #expect(outcome.stdout.hasSuffix("4 invariants held in every run\n"))
  }

  @Test("a live run with --set runs with the values in force")
  func live() throws {
    let outcome = try CLI.run(["17.4", "--speed", "50", "--set", "workers=5", "--set", "calls=2"])
    #expect(outcome.status == 0)
    #expect(outcome.stdout.contains("With workers=5 (default 3), calls=2 (default 5), from --set"))
    #expect(outcome.stdout.contains("] result 1: 10\n"))
    #expect(!outcome.stdout.contains("result 2:"))
  }

  @Test("with --lang ko the header and the usage errors of --set are Korean")
  func korean() throws {
    let run = try CLI.run(["17.4", "--virtual", "--set", "workers=5", "--lang", "ko"])
    #expect(run.stdout.contains("--set으로 바꾼 값: workers=5 (기본값 3)."))
    let error = try CLI.run(["17.4", "--set", "workers=0", "--lang", "ko"])
    #expect(error.status == 2)
    #expect(
      error.stderr
        == "lessons: --set workers 값은 1부터 10까지의 정수여야 합니다(입력한 값: '0')\n")
  }
}
