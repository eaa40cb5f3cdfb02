import Foundation
import Testing

@testable import ConcurrencyRuntime

@Suite("Scheduling policies, without threads")
struct SchedulingPolicyTests {
  @Test("first come, first served always picks the head of the line and never preempts")
  func fifo() {
    var policy = SchedulingPolicy.seeded(nil)
    #expect(!policy.preemptive)
    #expect((1...5).map { policy.choose(among: $0) } == [0, 0, 0, 0, 0])
    #expect(policy.divergence == nil)
  }

  @Test("a seeded policy picks SplitMix64's sequence modulo the count, the same every time")
  func seeded() {
    var policy = SchedulingPolicy.seeded(7)
    var generator = SplitMix64(seed: 7)
    #expect(policy.preemptive)
    for count in [3, 1, 5, 2, 8, 4] {
      #expect(policy.choose(among: count) == Int(generator.next() % UInt64(count)))
    }
    var again = SchedulingPolicy.seeded(7)
    var other = SchedulingPolicy.seeded(8)
    let a = (0..<50).map { _ in again.choose(among: 4) }
    let b = (0..<50).map { _ in other.choose(among: 4) }
    #expect(a != b)
  }

  @Test("a replay makes the recorded choices, then notes where the run stopped fitting")
  func replay() {
    let schedule = Schedule(
      preemptive: true,
      decisions: [
        .init(options: 2, choice: 1), .init(options: 3, choice: 2), .init(options: 2, choice: 0),
      ])
    var policy = SchedulingPolicy.replaying(schedule)
    #expect(policy.preemptive)
    #expect(policy.choose(among: 2) == 1)
    #expect(policy.choose(among: 3) == 2)
    #expect(policy.divergence == 2, "a decision left over is a divergence")
    #expect(policy.choose(among: 4) == 0, "a count that does not fit picks the first")
    #expect(policy.divergence == 2)
    #expect(policy.choose(among: 2) == 0)
    #expect(policy.divergence == 2, "the first divergence is the one reported")
  }

  @Test("a replay that runs past its recording diverges where the recording ended")
  func replayTooShort() {
    var policy = SchedulingPolicy.replaying(
      Schedule(preemptive: false, decisions: [.init(options: 1, choice: 0)]))
    #expect(!policy.preemptive)
    _ = policy.choose(among: 1)
    #expect(policy.divergence == nil)
    _ = policy.choose(among: 1)
    #expect(policy.divergence == 1)
  }
}

@Suite("Recorded schedules")
struct ScheduleTests {
  /// A program whose interleaving the seed decides: three threads print in turns.
  static func program(_ rt: Runtime) {
    let threads = (0..<3).map { n in
      rt.spawn(name: "t\(n)") {
        for step in 0..<3 { rt.console.write("t\(n).\(step) ") }
      }
    }
    for thread in threads { thread.join() }
  }

  static func run(seed: UInt64?, schedule: Schedule? = nil) throws -> (String, Schedule) {
    let out = Transcript()
    let rt = Runtime.virtual(seed: seed, schedule: schedule, output: out.sink)
    try rt.run { program(rt) }
    return (out.text, try #require(rt.schedule))
  }

  @Test("a seeded run's recorded schedule replays it exactly, decision for decision")
  func replaysExactly() throws {
    for seed: UInt64 in 0..<20 {
      let (text, schedule) = try Self.run(seed: seed)
      #expect(schedule.preemptive)
      let (again, replayed) = try Self.run(seed: nil, schedule: schedule)
      #expect(again == text, "seed \(seed)")
      #expect(replayed == schedule)
    }
  }

  @Test("distinct interleavings are distinct decision lists")
  func countsInterleavings() throws {
    var schedules: Set<Schedule> = []
    var texts: Set<String> = []
    for seed: UInt64 in 0..<50 {
      let (text, schedule) = try Self.run(seed: seed)
      schedules.insert(schedule)
      texts.insert(text)
    }
    #expect(texts.count > 5)
    #expect(schedules.count >= texts.count, "one output can come from several schedules")
  }

  @Test("the canonical run records a schedule that is not preemptive and replays the same")
  func canonical() throws {
    let (text, schedule) = try Self.run(seed: nil)
    #expect(!schedule.preemptive)
    #expect(schedule.decisions.allSatisfy { $0.choice == 0 })
    #expect(try Self.run(seed: nil, schedule: schedule).0 == text)
  }

  @Test("replaying a schedule on a program that does something else is reported, not hidden")
  func diverges() throws {
    let (_, schedule) = try Self.run(seed: 3)
    let rt = Runtime.virtual(schedule: schedule)
    #expect(throws: RuntimeError.self) {
      try rt.run {
        let other = rt.spawn(name: "other") { rt.console.write("x") }
        other.join()
      }
    }
  }

  @Test("the text form round-trips, and a bad file is one clear error")
  func textForm() throws {
    let (_, schedule) = try Self.run(seed: 9)
    #expect(try Schedule(text: schedule.text) == schedule)
    #expect(schedule.text.hasPrefix("lessons-schedule 1 preemptive\n"))
    #expect(throws: ScheduleFormatError("the file is empty")) { try Schedule(text: "") }
    #expect(throws: ScheduleFormatError("'3/2' is not a decision such as 1/3")) {
      try Schedule(text: "lessons-schedule 1 preemptive\n0/1 3/2\n")
    }
    #expect(throws: ScheduleFormatError("the first line must be 'lessons-schedule 1 preemptive'")) {
      try Schedule(text: "hello\n")
    }
  }
}
