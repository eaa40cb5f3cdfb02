import ConcurrencyRuntime
import Digest
import Foundation
import Futures
import Notebook
import Testing

@testable import Lessons

/// A virtual run of 17.3 under `seed` (nil: the canonical schedule), as its invariants see it.
private func record(seed: UInt64?) throws -> SectionRecording {
  let section = try #require(Catalog.section("17.3"))
  return NotebookRunner(configuration: .virtual(seed: seed)).record(section)
}

/// The answers `sha-pids` printed: `job 3: pid 1021, 2b08…` as (3, 1021, "2b08…").
private func answers(_ output: String) -> [(job: Int, pid: Int32, digest: String)] {
  output.split(separator: "\n").compactMap { line in
    let words = line.split(separator: " ")
    guard words.count == 5, words[0] == "job", words[2] == "pid",
      let job = Int(words[1].dropLast()), let pid = Int32(words[3].dropLast())
    else { return nil }
    return (job, pid, String(words[4]))
  }
}

@Suite("17.3 over the trace")
struct LaunchingProcessesPropertyTests {
  @Test("process jobs overlap, and every job's result comes back exactly once, for 40 seeds")
  func jobsOverlapAndComeBackOnce() throws {
    for seed: UInt64 in 0..<40 {
      let run = try record(seed: seed)
      #expect(run.failure == nil, "seed \(seed): \(run.failure ?? "")")
      for name in ["flags-processpool-run", "sha-pids", "sha-table"] {
        let checks = ProcessRunChecks(run.cell(named: name))
        #expect(checks.mostProcessJobsAtOnce >= 2, "seed \(seed), \(name)")
        #expect(checks.eachEndedOnce == nil, "seed \(seed), \(name)")
      }
      // sha-pids: eight jobs on the default pool, one per virtual CPU, all four busy at once.
      let pids = ProcessRunChecks(run.cell(named: "sha-pids"))
      #expect(pids.jobs.map(\.label).sorted() == (0..<8).map { "sha(\($0))" }.sorted())
      #expect(pids.mostProcessJobsAtOnce == 4, "seed \(seed)")
      #expect(answers(pids.output).map(\.job).sorted() == Array(0..<8), "seed \(seed)")
      // The table: each size of pool ran the twelve jobs once.
      let table = ProcessRunChecks(run.cell(named: "sha-table"))
      #expect(table.jobs.filter(\.inProcess).count == 12 * 4, "seed \(seed)")
      #expect(table.jobs.filter { !$0.inProcess }.count == 2 * 12 * 4, "seed \(seed)")
      #expect(table.mostThreadJobsAtOnce == 4, "seed \(seed)")
      // Under the GIL, one slice of work at a time; the threads take turns at it.
      let slices = CPUSlices(
        run.cell(named: "sha-table")?.events ?? [], executor: SimulatedGIL.executor)
      #expect(slices.mostAtOnce == 1, "seed \(seed)")
      #expect(slices.switches > 0, "seed \(seed)")
    }
  }

  @Test("each job ran in a worker process, never in the notebook's own, and says which one")
  func otherProcessesAtWork() throws {
    let run = try record(seed: nil)
    let output = try #require(run.cell(named: "sha-pids")?.output)
    #expect(output.contains("This notebook runs as pid 999\n"))
    let found = answers(output)
    #expect(found.count == 8)
    #expect(!found.contains { $0.pid == 999 })
    #expect(Set(found.map(\.pid)).count == 4, "four workers, one per virtual CPU")
    // The digests are the real ones: the same job hashed here, in this process.
    for answer in found {
      let job = DigestJob(seed: UInt64(answer.job), size: 1024)
      #expect(answer.digest == String(sha(job).digest.prefix(32)) + "…")
    }
  }

  @Test("n threads or processes take 1/n of one worker's time; n threads under the GIL, all")
  func tableScales() throws {
    let run = try record(seed: nil)
    let output = try #require(run.cell(named: "sha-table")?.output)
    let rows = output.split(separator: "\n").dropFirst().prefix(4).map {
      $0.split(separator: " ")
    }
    #expect(rows.count == 4)
    for (index, row) in rows.enumerated() {
      let n = index + 1
      #expect(row.first.flatMap { Int($0) } == n)
      let times = row.filter { $0.hasSuffix("s") }.compactMap { Double($0.dropLast()) }
      let speedUps = row.filter { $0.hasSuffix("x") }.compactMap { Double($0.dropLast()) }
      #expect(times.count == 3 && speedUps.count == 3)
      guard times.count == 3, speedUps.count == 3 else { continue }
      // Threads and processes: n times faster. Under the GIL: no faster at all.
      for column in [0, 2] {
        #expect(abs(times[column] - 12.0 / Double(n)) < 0.005, "row \(n)")
        #expect(abs(speedUps[column] - Double(n)) < 0.005, "row \(n)")
      }
      #expect(abs(times[1] - 12.0) < 0.005, "row \(n)")
      #expect(abs(speedUps[1] - 1.0) < 0.005, "row \(n)")
    }
    #expect(output.hasSuffix("Every run computed the same 12 digests.\n"))
  }

  @Test("processes download the flags in about the time threads take, each flag once")
  func flagsNoFaster() throws {
    let run = try record(seed: nil)
    let processes = try #require(run.cell(named: "flags-processpool-run"))
    let threads = try #require(run.cell(named: "flags-threadpool-again"))
    #expect(FlagRunChecks(processes).eachOnce(pop20) == nil)
    #expect(FlagRunChecks(threads).eachOnce(pop20) == nil)
    // Every request of the process version came from a worker process.
    #expect(FlagRunChecks(processes).requests.allSatisfy { $0.lane.hasPrefix("ProcessPool") })
    #expect(processes.duration == threads.duration)
    #expect(processes.output.hasPrefix(pop20.sorted().joined(separator: " ") + " \n"))
  }
}

@Suite("17.3's job and worker functions")
struct LessonWorkersTests {
  @Test("sha hashes exactly size bytes of SplitMix64's draws, little-endian, in any pieces")
  func shaIsSHA256OfTheDraws() {
    for size in [0, 8, 64, 1024, 4096 + 8, 1 << 20] {
      var random = SplitMix64(seed: 5)
      var bytes: [UInt8] = []
      while bytes.count < size {
        let draw = random.next()
        bytes += (0..<8).map { UInt8(truncatingIfNeeded: draw >> (8 * UInt64($0))) }
      }
      let expected = SHA256.hexDigest(of: Array(bytes.prefix(size)))
      #expect(sha(DigestJob(seed: 5, size: size)).digest == expected, "size \(size)")
    }
  }

  @Test(
    "sha steps once a piece (8, or one per 64 KiB), and costs a second of CPU in virtual time",
    arguments: [(1024, 8), (1 << 20, 16)])
  func shaStepsAndCosts(size: Int, pieces: Int) throws {
    let runtime = Runtime.virtual()
    let (steps, took) = try runtime.run {
      var steps = 0
      let start = runtime.now
      _ = sha(DigestJob(seed: 1, size: size)) { steps += 1 }
      return (steps, runtime.now - start)
    }
    #expect(steps == pieces)
    #expect(took == .seconds(1))
  }

  @Test("the registry hosts the lessons' worker functions by name")
  func registry() {
    #expect(LessonWorkers.registry.names == ["flag", "sha"])
  }

  @Test("a site's address survives encoding, and opens the mock in virtual time")
  func siteAddress() throws {
    let address = FlagSiteAddress(
      baseURL: "http://127.0.0.1:8002/flags", folder: nil, timeout: 10, mockSeed: 0)
    let decoded = try JSONDecoder().decode(
      FlagSiteAddress.self, from: JSONEncoder().encode(address))
    #expect(decoded == address)
    let runtime = Runtime.virtual()
    let size = try runtime.run {
      let site = address.open()
      return try site.network.get("\(site.baseURL)/br/br.gif").body.count
    }
    #expect(size > 0)
  }

  @Test("the table's speed-ups are against one worker of the same way")
  func speedupTable() {
    let answers = [DigestAnswer(digest: "ab", pid: 1)]
    var table = SpeedupTable(["threads", "processes"])
    table.add(workers: 1, [(.seconds(8), answers), (.seconds(10), answers)])
    table.add(workers: 2, [(.seconds(4), answers), (.seconds(8), answers)])
    let lines = table.text.split(separator: "\n")
    #expect(lines.count == 4)
    #expect(lines[2].hasSuffix("4.00s  2.00x     8.00s  1.25x"))
    #expect(lines.allSatisfy { $0.count <= 80 && !$0.hasSuffix(" ") })
    #expect(lines[3] == "Every run computed the same 1 digest.")
    table.add(workers: 3, [(.seconds(3), [DigestAnswer(digest: "cd", pid: 1)])])
    #expect(table.text.hasSuffix("1 runs computed other digests than the first!\n"))
  }
}
