import Foundation
import Synchronization

/// Something that happened in a runtime, for tests and timelines to read instead of parsing
/// printed text.
public struct TraceEvent: Sendable, Equatable {
  /// What kind of thing happened.
  public enum Kind: Sendable, Equatable {
    /// Console output.
    case output(String)
    /// A unit of work (an executor task) started.
    case spanStart(String)
    /// A unit of work ended.
    case spanEnd(String)
    /// A marker, such as the start of a notebook cell.
    case mark(String)
  }

  /// Time on the runtime's clock.
  public var time: Duration
  /// The thread, or the async task's name, that it happened on.
  public var actor: String
  /// What happened.
  public var kind: Kind

  /// Makes an event.
  public init(time: Duration, actor: String, kind: Kind) {
    self.time = time
    self.actor = actor
    self.kind = kind
  }
}

/// The record of a runtime's events, in the order they happened.
public final class Trace: @unchecked Sendable {
  private let lock = NSLock()
  private var recorded: [TraceEvent] = []

  /// The name async code is known by in the trace; set it with `Trace.$taskName.withValue`.
  @TaskLocal public static var taskName: String?

  /// Whether span events are kept (turn off to measure raw executor throughput).
  public var recordsSpans: Bool {
    get { spans.load(ordering: .relaxed) }
    set { spans.store(newValue, ordering: .relaxed) }
  }
  private let spans = Atomic<Bool>(true)

  /// Everything recorded so far.
  public var events: [TraceEvent] { lock.withLock { recorded } }

  /// Appends an event.
  public func record(_ event: TraceEvent) {
    switch event.kind {
    case .spanStart, .spanEnd:
      guard spans.load(ordering: .relaxed) else { return }
    case .output, .mark:
      break
    }
    lock.withLock { recorded.append(event) }
  }

  /// Records a mark, such as `cell 2`, at the current time on the calling thread.
  public func mark(_ label: String, in runtime: Runtime) {
    record(TraceEvent(time: runtime.now, actor: Self.currentActor(runtime), kind: .mark(label)))
  }

  static func currentActor(_ runtime: Runtime) -> String {
    taskName ?? runtime.currentThreadName
  }
}
