import Foundation
import Synchronization

/// Something that happened in a runtime, typed, for timelines, exports and tests to read
/// instead of parsing printed text.
///
///     for event in runtime.trace.events {
///       if case .spanStarted(let span) = event.kind { print(event.time, span.label) }
///     }
///     // 0 seconds loiter(0)
public struct TraceEvent: Sendable, Equatable {
  /// What kind of thing happened.
  public enum Kind: Sendable, Equatable {
    /// Console output, exactly as written.
    case output(String)
    /// Notebook cell `number` started running.
    case cellStarted(Int)
    /// Notebook cell `number` ended: `failure` is nil when it ran through.
    case cellEnded(Int, failure: String?)
    /// A unit of work (an executor's task) started running on a lane.
    case spanStarted(TaskSpan)
    /// The span with this id ended.
    case spanEnded(id: Int)
    /// The thread or task stopped running until something happens.
    case blocked(BlockReason)
    /// The thread or task runs again after being blocked.
    case unblocked
    /// A future's done-callback threw: the message Python would log.
    case callbackFailed(String)
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

/// One unit of work as a timeline draws it: which task, where it ran, for which executor.
public struct TaskSpan: Sendable, Equatable {
  /// Unique in its trace; `spanEnded` names it.
  public var id: Int
  /// What the work is (`loiter(3)`, `BR`, `task 4`).
  public var label: String
  /// Where it ran.
  public var lane: Lane
  /// The executor it belongs to (`ThreadPoolExecutor-0`).
  public var executor: String

  /// A span with every field given.
  public init(id: Int, label: String, lane: Lane, executor: String) {
    self.id = id
    self.label = label
    self.lane = lane
    self.executor = executor
  }
}

/// A place where work runs, one row of a timeline.
public enum Lane: Sendable, Hashable, CustomStringConvertible {
  /// A thread (an OS thread live, a simulated one in virtual time).
  case thread(String)
  /// An async task on the runtime's task executor.
  case task(String)
  /// A worker process.
  case process(String)

  /// The lane's name.
  public var description: String {
    switch self {
    case .thread(let name), .task(let name), .process(let name): name
    }
  }
}

/// What a blocked thread waits for. Its description is how a deadlock report says it.
///
///     BlockReason.join("worker").description   // "waiting for worker to finish"
public enum BlockReason: Sendable, Equatable, CustomStringConvertible {
  /// Sleeping until this time on the runtime's clock.
  case sleep(until: Duration)
  /// Waiting to take a lock, held by the thread named (when known).
  case lock(String, heldBy: String?)
  /// Waiting on a condition to be notified.
  case condition(String)
  /// Waiting for a future's result.
  case future(String)
  /// Waiting for a thread to finish.
  case join(String)
  /// Waiting on the network.
  case network(String)
  /// The async executor's thread, waiting for a task to be ready to run.
  case asyncWork

  /// `sleeping until +3s`, `waiting on the work queue`, …
  public var description: String {
    switch self {
    case .sleep(let until): "sleeping until +\(Self.seconds(until))"
    case .lock(let label, let holder):
      "waiting for \(label)'s lock" + (holder.map { ", held by \($0)" } ?? "")
    case .condition(let label): "waiting on \(label)"
    case .future(let label): "waiting for \(label)"
    case .join(let name): "waiting for \(name) to finish"
    case .network(let what): "waiting for \(what)"
    case .asyncWork: "waiting for async work"
    }
  }

  static func seconds(_ duration: Duration) -> String {
    let (seconds, attoseconds) = duration.components
    if attoseconds == 0 { return "\(seconds)s" }
    return "\(Double(seconds) + Double(attoseconds) / 1e18)s"
  }
}

/// The record of a runtime's events, in the order they happened.
///
/// Output and cell events are always kept. Spans and blocking events can be turned off
/// (``recordsSpans``, ``recordsBlocking``), which takes their cost off the hot paths: a
/// benchmark of raw executor throughput turns both off.
public final class Trace: @unchecked Sendable {
  private let lock = NSLock()
  private var recorded: [TraceEvent] = []
  private let spans = Atomic<Bool>(true)
  private let blocking = Atomic<Bool>(true)
  private let nextSpan = Atomic<Int>(0)

  /// A trace that records everything.
  public init() {}

  /// The name async code is known by in the trace; set it with `Trace.$taskName.withValue`.
  @TaskLocal public static var taskName: String?

  /// Whether task spans are kept.
  public var recordsSpans: Bool {
    get { spans.load(ordering: .relaxed) }
    set { spans.store(newValue, ordering: .relaxed) }
  }

  /// Whether threads blocking and unblocking are kept. Live locks and conditions made while
  /// it is off never record (they carry nothing for it), so turn it off before making them.
  public var recordsBlocking: Bool {
    get { blocking.load(ordering: .relaxed) }
    set { blocking.store(newValue, ordering: .relaxed) }
  }

  /// Everything recorded so far.
  public var events: [TraceEvent] { lock.withLock { recorded } }

  /// The number of events recorded so far: where the next one will be in ``events``.
  public var count: Int { lock.withLock { recorded.count } }

  /// The events from index `start` on.
  public func events(from start: Int) -> [TraceEvent] {
    lock.withLock { Array(recorded[min(start, recorded.count)...]) }
  }

  /// Appends an event (spans and blocking events only while they are recorded).
  public func record(_ event: TraceEvent) {
    switch event.kind {
    case .spanStarted, .spanEnded:
      guard recordsSpans else { return }
    case .blocked, .unblocked:
      guard recordsBlocking else { return }
    case .output, .cellStarted, .cellEnded, .callbackFailed:
      break
    }
    lock.withLock { recorded.append(event) }
  }

  /// Records `kind` now, on the calling thread or task of `runtime`.
  public func record(_ kind: TraceEvent.Kind, in runtime: Runtime) {
    record(TraceEvent(time: runtime.now, actor: Self.currentActor(runtime), kind: kind))
  }

  /// Starts a span for `label` of `executor` on `lane`, by default the calling thread or task;
  /// returns its id, or nil when spans are not recorded. A process pool passes the worker
  /// process's lane, since the thread that sends the job is not where it runs.
  public func startSpan(
    label: String, executor: String, lane: Lane? = nil, in runtime: Runtime
  ) -> Int? {
    guard recordsSpans else { return nil }
    let id = nextSpan.wrappingAdd(1, ordering: .relaxed).oldValue
    let lane: Lane =
      lane ?? Self.taskName.map { .task($0) } ?? .thread(runtime.currentThreadName)
    let span = TaskSpan(id: id, label: label, lane: lane, executor: executor)
    record(TraceEvent(time: runtime.now, actor: lane.description, kind: .spanStarted(span)))
    return id
  }

  /// Ends the span `id` started by ``startSpan(label:executor:lane:in:)``; with `lane`, the
  /// end is recorded on that lane rather than on the calling thread.
  public func endSpan(_ id: Int, lane: Lane? = nil, in runtime: Runtime) {
    guard let lane else { return record(.spanEnded(id: id), in: runtime) }
    record(TraceEvent(time: runtime.now, actor: lane.description, kind: .spanEnded(id: id)))
  }

  /// Runs `body`, recorded as blocked on `reason` while it runs (when blocking is recorded).
  public func blocking<T>(
    on reason: @autoclosure () -> BlockReason, in runtime: Runtime, _ body: () throws -> T
  )
    rethrows -> T
  {
    guard recordsBlocking else { return try body() }
    record(.blocked(reason()), in: runtime)
    defer { record(.unblocked, in: runtime) }
    return try body()
  }

  /// Records `kind` at `time` on the calling thread or task, for runtime internals that have
  /// a clock but not the runtime at hand.
  func record(_ kind: TraceEvent.Kind, at time: Duration) {
    let actor = Self.taskName ?? ThreadContext.current?.name ?? "MainThread"
    record(TraceEvent(time: time, actor: actor, kind: kind))
  }

  static func currentActor(_ runtime: Runtime) -> String {
    taskName ?? runtime.currentThreadName
  }
}
