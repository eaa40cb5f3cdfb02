import ConcurrencyRuntime
import Foundation

@testable import Lessons

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
    let checks = FlagRunChecks(events: events)
    requests = checks.requests.map {
      Request(code: $0.code, lane: $0.lane, start: $0.start.seconds, end: $0.end?.seconds)
    }
    mostAtOnce = checks.mostAtOnce
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
