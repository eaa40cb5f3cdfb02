import ConcurrencyRuntime
import Notebook

/// What the flag sections' invariants read from a cell's record: the flag requests its
/// network made (the `network` spans that ``TracedFlagNetwork`` records), and the counts a
/// `flags2` report printed.
struct FlagRunChecks {
  /// One request: the code asked for, the lane that asked, and when it was answered, if it
  /// was.
  struct Request {
    var code: String
    var lane = ""
    var start: Duration
    var end: Duration?
  }

  /// The cell's requests, in the order they were made.
  var requests: [Request] = []
  /// The most requests in flight at once.
  var mostAtOnce = 0
  /// The cell's output.
  var output = ""

  init(_ cell: CellRecord?) {
    self.init(events: cell?.events ?? [], output: cell?.output ?? "")
  }

  /// The checks of a stretch of trace and the text printed meanwhile.
  init(events: [TraceEvent], output: String = "") {
    self.output = output
    var open: [Int: Int] = [:]
    var inFlight = 0
    for event in events {
      switch event.kind {
      case .spanStarted(let span) where span.executor == TracedFlagNetwork.executor:
        let parts = span.label.split(separator: "/")
        let code = parts.count >= 2 ? parts[parts.count - 2].uppercased() : span.label
        open[span.id] = requests.count
        requests.append(Request(code: code, lane: span.lane.description, start: event.time))
        inFlight += 1
        mostAtOnce = max(mostAtOnce, inFlight)
      case .spanEnded(let id):
        guard let index = open.removeValue(forKey: id) else { continue }
        requests[index].end = event.time
        inFlight -= 1
      default:
        continue
      }
    }
  }

  /// Nil when every code in `expected` was asked for exactly once and nothing else was;
  /// otherwise what went wrong.
  func eachOnce(_ expected: [String]) -> String? {
    let asked = requests.map(\.code).sorted()
    return asked == expected.sorted()
      ? nil : "asked for \(asked.count) flags, \(Set(asked).count) distinct, not \(expected.count)"
  }

  /// Whether each request was answered before the next one was made.
  var oneAtATime: Bool {
    zip(requests, requests.dropFirst()).allSatisfy { ($0.end ?? .seconds(Int64.max)) <= $1.start }
  }

  /// The number before `suffix` on a line of the output (`43` of `43 flags downloaded.`), 0
  /// when no line says it, as the book's report leaves out zero counts.
  func count(_ suffix: String) -> Int {
    for line in output.split(separator: "\n") where line.hasSuffix(suffix) {
      if let number = Int(line.dropLast(suffix.count).split(separator: " ").last ?? "") {
        return number
      }
    }
    return 0
  }

  /// `flags2`'s own check, made from its report: ok + not found + errors == requested.
  var countsAddUp: String? {
    guard let line = output.split(separator: "\n").first(where: { $0.hasPrefix("Searching for ") }),
      let requested = Int(line.dropFirst("Searching for ".count).prefix { $0 != " " })
    else { return "no 'Searching for N flags' line" }
    let counted =
      count(" flags downloaded.") + count(" flag downloaded.") + count(" not found.")
      + count(" errors.") + count(" error.")
    return counted == requested ? nil : "\(counted) counted, \(requested) requested"
  }
}
