import ConcurrencyRuntime
import Foundation
import Notebook
import Testing

@testable import Lessons

/// 17.2 read from the trace: who computed and who held the GIL when, and how long each pool
/// of `measure` was at work.
@Suite("17.2 properties")
struct BlockingIOAndGILPropertyTests {
  private static func record(_ configuration: RuntimeConfiguration, destination: String? = nil)
    throws -> SectionRecording
  {
    let section = try #require(Catalog.section("17.2"))
    let recording = NotebookRunner(configuration: configuration, destination: destination)
      .record(section)
    #expect(recording.failure == nil)
    return recording
  }

  /// The spans of `executor` in cell `name`.
  private static func slices(_ run: SectionRecording, _ name: String, _ executor: String)
    -> CPUSlices
  {
    CPUSlices(run.cell(named: name)?.events ?? [], executor: executor)
  }

  /// How long each pool of cell `name` was at work, first task's start to last task's end.
  private static func makespans(_ run: SectionRecording, _ name: String) -> [Duration] {
    PoolMakespans(run.cell(named: name)).makespans
  }

  @Test("with the simulated GIL, CPU slices of different threads never overlap; without, they do")
  func slices() throws {
    let run = try Self.record(.canonical)
    let free = Self.slices(run, "cpu-threads", CPUSlices.executor)
    #expect(free.mostAtOnce == 4, "four crunches at once on four virtual cores")
    let gil = Self.slices(run, "gil-cpu", SimulatedGIL.executor)
    #expect(gil.mostAtOnce == 1)
    #expect(Set(gil.holders).count == 5, "the one-thread pool's thread and the four others")
    #expect(gil.switches >= 390, "the four threads took turns every 5 ms for 2 s")
    #expect(Self.slices(run, "gil-cpu", CPUSlices.executor).holders.isEmpty)
    let io = Self.slices(run, "gil-io", SimulatedGIL.executor)
    #expect(io.mostAtOnce == 1)
    #expect(Set(io.holders).count == 5, "the cruncher and the four downloading threads")
  }

  @Test("in virtual time: waits overlap, crunches use every core, the GIL serialises them")
  func makespansInVirtualTime() throws {
    let run = try Self.record(.canonical)
    let downloads = Self.makespans(run, "downloads")
    try #require(downloads.count == 2)
    #expect(downloads[1] * 3 < downloads[0], "four threads wait together: \(downloads)")
    #expect(downloads[1] < .milliseconds(550), "about one half-second wait: \(downloads)")
    #expect(Self.makespans(run, "cpu-threads") == [.seconds(2), .milliseconds(500)])
    #expect(Self.makespans(run, "gil-cpu") == [.seconds(2), .seconds(2)])
    let io = Self.makespans(run, "gil-io")
    try #require(io.count == 1)
    #expect(io[0] < downloads[1] + .milliseconds(25), "the GIL costs the downloads little: \(io)")
  }

  @Test("for 40 seeds the invariants hold and every figure printed is the same")
  func seeds() throws {
    let section = try #require(Catalog.section("17.2"))
    let canonical = try Self.record(.canonical)
    for seed in UInt64(0)..<40 {
      let run = try Self.record(.virtual(seed: seed))
      for invariant in section.invariants {
        #expect(invariant.violation(in: run) == nil, "seed \(seed): \(invariant.name)")
      }
      #expect(run.text == canonical.text, "seed \(seed)")
      #expect(Self.slices(run, "gil-cpu", SimulatedGIL.executor).mostAtOnce == 1)
    }
  }

  @Test("live at 10x: no two threads hold the GIL at once, and the crunches all ran")
  func live() throws {
    let folder = NSTemporaryDirectory() + "lessons-test-" + UUID().uuidString
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let run = try Self.record(.live(speed: 10), destination: folder)
    #expect(run.text.contains("Started a DELAY flag server at http://127.0.0.1:"))
    let cores = min(ProcessInfo.processInfo.activeProcessorCount, 4)
    for name in ["gil-cpu", "gil-io"] {
      let gil = Self.slices(run, name, SimulatedGIL.executor)
      #expect(gil.mostAtOnce == 1, "\(name)")
      #expect(!gil.holders.isEmpty, "\(name)")
    }
    #expect(Self.slices(run, "cpu-threads", CPUSlices.executor).holders.count == 2 * cores)
    #expect(FlagRunChecks(run.cell(named: "downloads")).requests.count == 8)
    let lines = run.text.split(separator: "\n").filter { $0.hasSuffix("s CPU") }
    #expect(lines.count == 7, "\(lines)")
  }
}
