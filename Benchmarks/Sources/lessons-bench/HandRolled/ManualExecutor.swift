import Synchronization

/// The fastest deterministic async run plain Swift offers, as the peer of the virtual
/// runtime in `lessons-bench virtual-async`: a serial `TaskExecutor` drained on the calling
/// thread, with a ``ManualClock`` that moves only when no job is ready.
///
/// With a seed, the next job is drawn among the ready ones and sleepers due together are
/// resumed in a drawn order, as the virtual runtime does, so each seed is another valid
/// interleaving; without one, both are first come, first served.
///
///     let executor = ManualExecutor(seed: nil)
///     try executor.run {
///       try await executor.clock.sleep(for: .seconds(1))
///       executor.log("a second later")
///     }
///     executor.output   // "[09:00:01] a second later\n"
final class ManualExecutor: TaskExecutor, Sendable {
  /// The clock whose sleeps this executor wakes.
  let clock: ManualClock
  private let jobs = Mutex<[UnownedJob]>([])
  private let random: Mutex<UInt64?>
  private let lines = Mutex("")

  init(seed: UInt64?) {
    clock = ManualClock(timeline: ManualTimeline())
    random = Mutex(seed)
  }

  func enqueue(_ job: consuming ExecutorJob) {
    let job = UnownedJob(job)
    jobs.withLock { $0.append(job) }
  }

  /// Writes `[HH:MM:SS] text` on the manual clock, from 09:00:00, as the console does.
  func log(_ text: String) {
    let seconds = 9 * 3600 + Int(clock.now.offset.components.seconds)
    func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
    let stamp = "\(two(seconds / 3600)):\(two(seconds / 60 % 60)):\(two(seconds % 60))"
    lines.withLock { $0 += "[\(stamp)] \(text)\n" }
  }

  /// Everything logged so far.
  var output: String { lines.withLock { $0 } }

  /// Runs `body` to completion on this executor and this thread; throws what it threw, or
  /// ``ManualDeadlock`` when it waits for something that no job or sleeper will bring.
  func run(_ body: @escaping @Sendable () async throws -> Void) throws {
    let result = Mutex<Result<Void, any Error>?>(nil)
    Task(executorPreference: self) {
      do { try await body() } catch { result.withLock { $0 = .failure(error) } }
      result.withLock { $0 = $0 ?? .success(()) }
    }
    while true {
      if let job = nextJob() {
        job.runSynchronously(on: asUnownedTaskExecutor())
      } else if var due = clock.timeline.advance() {
        shuffle(&due)
        for continuation in due { continuation.resume() }
      } else {
        break
      }
    }
    guard let outcome = result.withLock({ $0 }) else { throw ManualDeadlock() }
    try outcome.get()
  }

  private func nextJob() -> UnownedJob? {
    jobs.withLock { jobs in
      if jobs.isEmpty { return nil }
      if jobs.count == 1 { return jobs.removeFirst() }
      return jobs.remove(at: draw(below: jobs.count) ?? 0)
    }
  }

  private func shuffle(_ due: inout [UnsafeContinuation<Void, Never>]) {
    guard due.count > 1 else { return }
    for i in stride(from: due.count - 1, to: 0, by: -1) {
      guard let j = draw(below: i + 1) else { return }
      due.swapAt(i, j)
    }
  }

  /// A number below `bound` from the seed's SplitMix64 sequence, or nil without a seed.
  private func draw(below bound: Int) -> Int? {
    random.withLock { state in
      guard var z = state else { return nil }
      z &+= 0x9E37_79B9_7F4A_7C15
      state = z
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return Int((z ^ (z >> 31)) % UInt64(bound))
    }
  }
}

/// A manual run whose body never finished although no job was ready and nobody slept.
struct ManualDeadlock: Error, CustomStringConvertible {
  var description: String { "deadlock: the body waits, no job is ready, nobody sleeps" }
}
