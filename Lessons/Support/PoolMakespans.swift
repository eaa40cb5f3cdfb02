import ConcurrencyRuntime
import Notebook

/// How long each thread pool of a cell was at work, from its first task's start to its last
/// task's end, in the order the pools started: the makespans of `measure`'s runs.
struct PoolMakespans {
  /// One per pool, in the order the pools started.
  private(set) var makespans: [Duration] = []

  /// Reads the spans of every `ThreadPoolExecutor` in `cell`.
  init(_ cell: CellRecord?) {
    var pools: [(executor: String, start: Duration, end: Duration)] = []
    var open: [Int: Int] = [:]
    for event in cell?.events ?? [] {
      switch event.kind {
      case .spanStarted(let span) where span.executor.hasPrefix("ThreadPoolExecutor"):
        if let index = pools.firstIndex(where: { $0.executor == span.executor }) {
          open[span.id] = index
        } else {
          open[span.id] = pools.count
          pools.append((span.executor, event.time, event.time))
        }
      case .spanEnded(let id):
        guard let index = open.removeValue(forKey: id) else { continue }
        pools[index].end = max(pools[index].end, event.time)
      default:
        continue
      }
    }
    makespans = pools.map { $0.end - $0.start }
  }
}
