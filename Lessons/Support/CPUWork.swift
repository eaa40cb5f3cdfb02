import ConcurrencyRuntime

/// Keeps the calling thread's core busy for `cost`: CPU-bound work that never waits, live
/// on a real core, in virtual time on one of the runtime's virtual cores
/// (``Runtime/compute(for:)``). It is recorded in the trace as a span of the executor
/// ``CPUSlices/executor``, so that tests and timelines see when each thread computed.
func compute(for cost: Duration) {
  let runtime = Runtime.current
  let span = runtime.trace.startSpan(
    label: CPUSlices.executor, executor: CPUSlices.executor, in: runtime)
  defer { span.map { runtime.trace.endSpan($0, in: runtime) } }
  runtime.compute(for: cost)
}

/// The stretches of CPU-bound work in a run's events, as spans of one executor record them:
/// ``executor`` for work done without a lock (``compute(for:)``), ``SimulatedGIL/executor``
/// for the stretches a thread held the simulated GIL.
///
///     let slices = CPUSlices(runtime.trace.events, executor: SimulatedGIL.executor)
///     slices.mostAtOnce   // 1: one thread at a time held the GIL
struct CPUSlices {
  /// The executor name of ``compute(for:)``'s spans.
  static let executor = "cpu"

  /// The most spans of the executor that were open at once, in the order events were
  /// recorded: more than one means threads computed in parallel.
  private(set) var mostAtOnce = 0
  /// The lanes (threads) in the order their spans started, one entry per span.
  private(set) var holders: [String] = []
  /// How long each lane's spans lasted, in all.
  private(set) var busy: [String: Duration] = [:]

  /// Reads the spans of `executor` from `events`.
  init(_ events: [TraceEvent], executor: String) {
    var open: [Int: (lane: String, start: Duration)] = [:]
    for event in events {
      switch event.kind {
      case .spanStarted(let span) where span.executor == executor:
        open[span.id] = (span.lane.description, event.time)
        holders.append(span.lane.description)
        mostAtOnce = max(mostAtOnce, open.count)
      case .spanEnded(let id):
        guard let started = open.removeValue(forKey: id) else { continue }
        busy[started.lane, default: .zero] += event.time - started.start
      default:
        continue
      }
    }
  }

  /// How many times the work passed from one lane to another.
  var switches: Int {
    zip(holders, holders.dropFirst()).filter { $0 != $1 }.count
  }
}
