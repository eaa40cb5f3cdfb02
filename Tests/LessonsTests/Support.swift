import ConcurrencyRuntime
import Foundation
import Lessons
import Notebook

/// Collects rendered text from any thread.
final class Collector: @unchecked Sendable {
  private let lock = NSLock()
  private var parts: [String] = []
  var write: @Sendable (String) -> Void {
    { text in self.lock.withLock { self.parts.append(text) } }
  }
  var text: String { lock.withLock { parts.joined() } }
}

/// One run of a section: the plain text it printed and the trace of what happened.
struct SectionRun {
  let text: String
  let events: [TraceEvent]

  init(_ id: String, mode: RuntimeConfiguration, destination: String? = nil) throws {
    guard let section = Catalog.section(id) else { throw LookupError(id: id) }
    try self.init(section, mode: mode, destination: destination)
  }

  init(_ section: Section, mode: RuntimeConfiguration, destination: String? = nil) throws {
    let collector = Collector()
    events = try NotebookRunner(configuration: mode, destination: destination).run(
      section, renderer: TextRenderer(style: .plain, write: collector.write))
    text = collector.text
  }

  /// How long cell `number` ran, from its start event to its end event.
  func duration(of number: Int) -> Duration? {
    guard let start = events.first(where: { $0.kind == .cellStarted(number) }),
      let end = events.first(where: {
        if case .cellEnded(number, _) = $0.kind { return true }
        return false
      })
    else { return nil }
    return end.time - start.time
  }

  /// What cell `number` printed.
  func output(of number: Int) -> String {
    cell(number).compactMap(\.output).joined()
  }

  /// The events between the start of cell `number` and its end, with times measured from the
  /// cell's start.
  func cell(_ number: Int) -> [TraceEvent] {
    guard let start = events.firstIndex(where: { $0.kind == .cellStarted(number) }) else {
      return []
    }
    let end =
      events[(start + 1)...].firstIndex(where: {
        if case .cellEnded(number, _) = $0.kind { return true }
        return false
      }) ?? events.endIndex
    let origin = events[start].time
    return events[(start + 1)..<end].map {
      TraceEvent(time: $0.time - origin, actor: $0.actor, kind: $0.kind)
    }
  }
}

struct LookupError: Error {
  let id: String
}

/// Where the package's folders are, from this file's place in it.
enum PackagePaths {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
  static let transcripts = root.appendingPathComponent("transcripts")
  static let lessons = root.appendingPathComponent("Lessons")
}

extension TraceEvent {
  /// The text of an output event, nil for other events.
  var output: String? {
    if case .output(let text) = kind { return text }
    return nil
  }
}

extension Duration {
  var seconds: Double {
    Double(components.seconds) + Double(components.attoseconds) / 1e18
  }
}
