import Foundation
import Testing

@Suite("lessons explore")
struct ExploreCLITests {
  @Test("explore 17.4 counts interleavings and reports every invariant held")
  func explores() throws {
    let outcome = try CLI.run(["explore", "17.4", "--seeds", "40"])
    #expect(outcome.status == 0, "\(outcome.stderr)")
    let lines = outcome.stdout.split(separator: "\n")
    #expect(lines.count == 2)
    #expect(lines.first?.hasPrefix("17.4: 40 runs, ") == true)
    #expect(lines.last == "4 invariants held in every run")
    #expect(outcome.stderr.isEmpty)
  }

  @Test("--cells: 17.1's async cell is explored, its jobs ordered by seed, one line per cell")
  func cells() throws {
    let outcome = try CLI.run(["explore", "17.1", "--seeds", "20", "--cells"])
    #expect(outcome.status == 0, "\(outcome.stderr)")
    let cells = outcome.stdout.split(separator: "\n").filter { $0.hasPrefix("  In [") }
    #expect(cells.count == 8)
    // In [6] runs the task-group download: its async jobs are the seed's decisions now.
    #expect(cells[5] == "  In [6]: 20 distinct schedules, 1 distinct output")
    // In [1] defines code and runs nothing concurrent.
    #expect(cells[0] == "  In [1]: 1 distinct schedule, 1 distinct output")
    #expect(outcome.stdout.hasPrefix("17.1: 20 runs, 20 distinct schedules, "))
  }

  @Test("explore all explores every section in turn")
  func all() throws {
    let outcome = try CLI.run(["explore", "all", "--seeds", "10"])
    #expect(outcome.status == 0, "\(outcome.stderr)")
    let sections = outcome.stdout.split(separator: "\n").filter { $0.contains(": 10 runs, ") }
    #expect(sections.map { $0.prefix(5) } == ["17.1:", "17.2:", "17.3:", "17.4:", "17.5:"])
    #expect(outcome.stdout.components(separatedBy: "held in every run\n").count == 6)
  }

  @Test("a saved schedule replays exactly, once")
  func replaysSchedule() throws {
    let file = FileManager.default.temporaryDirectory
      .appendingPathComponent("explore-\(UUID().uuidString).schedule")
    defer { try? FileManager.default.removeItem(at: file) }
    let saved = try CLI.run(["explore", "17.4", "--seeds", "1", "--save-schedule", file.path])
    #expect(saved.status == 0)
    #expect(saved.stdout.hasSuffix("  schedule written to \(file.path)\n"))
    let replayed = try CLI.run(["explore", "17.4", "--schedule", file.path])
    #expect(replayed.status == 0, "\(replayed.stderr)")
    #expect(
      replayed.stdout
        == "17.4: 1 run, 1 distinct schedule, 1 distinct transcript\n"
        + "4 invariants held in every run\n")
  }

  @Test("a schedule that does not fit the run is a run that did not finish, exit status 1")
  func divergedSchedule() throws {
    let file = FileManager.default.temporaryDirectory
      .appendingPathComponent("explore-\(UUID().uuidString).schedule")
    defer { try? FileManager.default.removeItem(at: file) }
    try "lessons-schedule 1 preemptive\n0/2 1/2\n".write(
      to: file, atomically: true, encoding: .utf8)
    let outcome = try CLI.run(["explore", "17.4", "--schedule", file.path])
    #expect(outcome.status == 1)
    #expect(
      outcome.stdout
        == "17.4: 1 run, 1 distinct schedule, 1 distinct transcript\n"
        + "1 run did not finish: the schedule stopped: the replayed schedule stopped fitting"
        + " the run at decision 2\n"
        + "no run finished, so no invariant was checked\n")
    #expect(!outcome.stdout.contains("violation"), "a run that stopped early breaks nothing")
  }

  @Test(
    "bad input is one line on stderr",
    arguments: [
      (["explore", "17.9"], Int32(2), "unknown section '17.9'"),
      (["explore", "17.4", "--seeds", "0"], 2, "--seeds must be between 1 and 1000000"),
      (["explore", "17.4", "--schedule", "/no/such/file"], 1, "cannot read /no/such/file"),
    ])
  func badInput(arguments: [String], status: Int32, message: String) throws {
    let outcome = try CLI.run(arguments)
    #expect(outcome.status == status)
    #expect(outcome.stderr.contains(message), "\(outcome.stderr)")
    #expect(outcome.stdout.isEmpty)
  }

  @Test("a file that is not a schedule says why, exit status 1")
  func notASchedule() throws {
    let file = FileManager.default.temporaryDirectory
      .appendingPathComponent("explore-\(UUID().uuidString).schedule")
    defer { try? FileManager.default.removeItem(at: file) }
    try "junk\n".write(to: file, atomically: true, encoding: .utf8)
    let outcome = try CLI.run(["explore", "17.4", "--schedule", file.path])
    #expect(outcome.status == 1)
    #expect(
      outcome.stderr
        == "lessons explore: \(file.path): not a schedule: the first line must be 'lessons-schedule 1 preemptive'\n"
    )
  }
}
