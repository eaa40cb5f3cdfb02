import ConcurrencyRuntime
import Foundation

/// The flag requests in a stretch of trace: the `network` spans that the flag sections record
/// for every request, labelled `GET /flags/cn/cn.gif`.
struct FlagRequests {
  struct Request {
    var code: String
    var lane: String
    var start: Double
    var end: Double?
  }

  /// The requests, in the order they started.
  var requests: [Request] = []
  /// The most requests in flight at once.
  var mostAtOnce = 0

  init(_ events: [TraceEvent]) {
    var open: [Int: Int] = [:]
    var inFlight = 0
    for event in events {
      switch event.kind {
      case .spanStarted(let span) where span.executor == "network":
        let parts = span.label.split(separator: "/")
        let code = parts.count >= 2 ? parts[parts.count - 2].uppercased() : span.label
        open[span.id] = requests.count
        requests.append(
          Request(code: code, lane: span.lane.description, start: event.time.seconds))
        inFlight += 1
        mostAtOnce = max(mostAtOnce, inFlight)
      case .spanEnded(let id):
        guard let index = open.removeValue(forKey: id) else { continue }
        requests[index].end = event.time.seconds
        inFlight -= 1
      default:
        continue
      }
    }
  }

  /// The codes asked for, in the order asked.
  var codes: [String] { requests.map(\.code) }

  /// The codes in the order their answers came.
  var completionOrder: [String] {
    requests.filter { $0.end != nil }.sorted { ($0.end ?? 0) < ($1.end ?? 0) }.map(\.code)
  }

  /// Whether every request ended before the next one started.
  var oneAtATime: Bool {
    zip(requests, requests.dropFirst()).allSatisfy { ($0.end ?? .infinity) <= $1.start }
  }
}
