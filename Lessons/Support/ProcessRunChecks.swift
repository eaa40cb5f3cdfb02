import ConcurrencyRuntime
import Notebook

/// What 17.3's invariants read from a cell's record: the jobs its pools ran (their task
/// spans: `sha(3)` on a process pool's worker, `3` on a thread pool's thread), how many ran
/// at once, and whether each span that started ended exactly once.
struct ProcessRunChecks {
  /// One job as the trace saw it: its label, the lane that ran it, whether it ran in a
  /// worker process, and how many times its span ended.
  struct Job {
    var label: String
    var lane: String
    var inProcess: Bool
    var ends = 0
  }

  /// The cell's jobs, in the order they started (flag requests and GIL slices are not).
  var jobs: [Job] = []
  /// The most process jobs running at once.
  var mostProcessJobsAtOnce = 0
  /// The most thread jobs running (or waiting for the GIL) at once.
  var mostThreadJobsAtOnce = 0
  /// The cell's output.
  var output = ""

  init(_ cell: CellRecord?) {
    output = cell?.output ?? ""
    var open: [Int: Int] = [:]
    var running = (threads: 0, processes: 0)
    for event in cell?.events ?? [] {
      switch event.kind {
      case .spanStarted(let span) where Self.isPool(span.executor):
        var inProcess = false
        if case .process = span.lane { inProcess = true }
        open[span.id] = jobs.count
        jobs.append(Job(label: span.label, lane: span.lane.description, inProcess: inProcess))
        if inProcess {
          running.processes += 1
          mostProcessJobsAtOnce = max(mostProcessJobsAtOnce, running.processes)
        } else {
          running.threads += 1
          mostThreadJobsAtOnce = max(mostThreadJobsAtOnce, running.threads)
        }
      case .spanEnded(let id):
        guard let index = open[id] else { continue }
        jobs[index].ends += 1
        guard jobs[index].ends == 1 else { continue }
        if jobs[index].inProcess { running.processes -= 1 } else { running.threads -= 1 }
      default:
        continue
      }
    }
  }

  /// Whether spans of `executor` are jobs of a pool (not flag requests, not GIL slices).
  static func isPool(_ executor: String) -> Bool {
    executor.hasPrefix("ThreadPoolExecutor") || executor.hasPrefix("ProcessPoolExecutor")
  }

  /// Nil when every job's span ended exactly once; otherwise the first that did not.
  var eachEndedOnce: String? {
    jobs.first { $0.ends != 1 }.map { "\($0.label) on \($0.lane) ended \($0.ends) times" }
  }

  /// The lines of the output that start with `prefix`.
  func lines(startingWith prefix: String) -> [Substring] {
    output.split(separator: "\n").filter { $0.hasPrefix(prefix) }
  }

  /// 17.3's invariants: what every interleaving of its run keeps.
  static let invariants: [Invariant] = [
    Invariant("each program asks for each of the 20 flags once") { run in
      for name in ["flags-processpool-run", "flags-threadpool-again"] {
        if let problem = FlagRunChecks(run.cell(named: name)).eachOnce(pop20) {
          return "\(name): \(problem)"
        }
      }
      return nil
    },
    Invariant("processes download no faster than threads, and no slower") { run in
      let processes = run.cell(named: "flags-processpool-run")?.duration ?? .zero
      let threads = run.cell(named: "flags-threadpool-again")?.duration ?? .zero
      let gap = processes > threads ? processes - threads : threads - processes
      return gap * 10 <= threads ? nil : "processes took \(processes), threads \(threads)"
    },
    Invariant("process jobs overlap, and so do thread jobs") { run in
      for name in ["flags-processpool-run", "sha-pids", "sha-table"] {
        let most = ProcessRunChecks(run.cell(named: name)).mostProcessJobsAtOnce
        if most < 2 { return "\(name): at most \(most) process job at once" }
      }
      let most = ProcessRunChecks(run.cell(named: "sha-table")).mostThreadJobsAtOnce
      return most >= 2 ? nil : "sha-table: at most \(most) thread job at once"
    },
    Invariant("under the simulated GIL, one thread computes at a time") { run in
      let events = run.cell(named: "sha-table")?.events ?? []
      let most = CPUSlices(events, executor: SimulatedGIL.executor).mostAtOnce
      return most == 1 ? nil : "\(most) threads held the GIL at once"
    },
    Invariant("every job's result comes back exactly once") { run in
      for name in ["flags-processpool-run", "sha-pids", "sha-table"] {
        if let problem = ProcessRunChecks(run.cell(named: name)).eachEndedOnce {
          return "\(name): \(problem)"
        }
      }
      let checks = ProcessRunChecks(run.cell(named: "sha-pids"))
      let labels = checks.jobs.map(\.label).sorted()
      let expected = (0..<8).map { "sha(\($0))" }.sorted()
      if labels != expected { return "sha-pids ran \(labels), not \(expected)" }
      for job in 0..<8 where checks.lines(startingWith: "job \(job): ").count != 1 {
        return "sha-pids printed job \(job)'s answer "
          + "\(checks.lines(startingWith: "job \(job): ").count) times"
      }
      let table = ProcessRunChecks(run.cell(named: "sha-table"))
      return table.lines(startingWith: "Every run computed the same 12 digests.").count == 1
        ? nil : "the runs of the table computed different digests"
    },
  ]
}
