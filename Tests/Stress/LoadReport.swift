import Foundation

/// How a load run went: how many operations, how many failed and why (the first few), how
/// long it took, and for concurrent async work, how many threads ran it and how many
/// operations were in flight at once at most.
///
///     print(ServerLoad(port: server.port, connections: 50, requests: 2_000).run())
///     // server-load operations=2000 failures=0 seconds=0.412 per_s=4854 connections=50
public struct LoadReport: Sendable, CustomStringConvertible {
  /// What was loaded: `server-load` or `async-downloads`.
  public var name: String
  /// Operations attempted.
  public var operations = 0
  /// Operations that failed: no answer, a status other than 200, or other bytes than the flag.
  public var failures = 0
  /// What went wrong, for the first few failures.
  public var failureSamples: [String] = []
  /// Wall time, in seconds.
  public var seconds = 0.0
  /// Other `name=value` fields of the run (`connections=200`, `threads=1`).
  public var details: [(String, String)] = []

  /// An empty report of a run of `name`.
  public init(name: String) { self.name = name }

  /// Operations per second.
  public var perSecond: Double { seconds > 0 ? Double(operations) / seconds : 0 }

  /// Notes a failure and, for the first ten, what it was.
  public mutating func fail(_ what: String) {
    failures += 1
    if failureSamples.count < 10 { failureSamples.append(what) }
  }

  /// One line of `name=value` fields, then the failures' samples, one a line.
  public var description: String {
    var text =
      "\(name) operations=\(operations) failures=\(failures) "
      + "seconds=\(String(format: "%.3f", seconds)) per_s=\(Int(perSecond))"
    for (key, value) in details { text += " \(key)=\(value)" }
    for sample in failureSamples { text += "\n  failure: \(sample)" }
    return text
  }
}

extension LoadReport {
  /// The value of the detail called `key`, if there is one.
  public func detail(_ key: String) -> String? {
    details.first { $0.0 == key }?.1
  }
}
