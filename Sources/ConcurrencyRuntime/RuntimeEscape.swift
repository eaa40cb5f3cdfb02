import Foundation

/// What left a virtual run, or came into it from outside: the one kind of failure that says
/// the code under test did something the virtual runtime cannot capture, rather than that the
/// code is wrong.
///
/// The virtual runtime runs the threads it starts and the async jobs of its own task
/// executor, one at a time on one timeline. Dispatch queues, threads it did not start,
/// `@MainActor` code and real I/O run outside that timeline; when their work touches the run
/// (resumes one of its tasks, uses one of its locks, writes to its console), the run ends with
/// this error instead of a misleading deadlock or a crash:
///
///     RuntimeError.escaped(.resumedFromOutside(thread: "a Dispatch thread", run: 4)).description
///     // "a job left the virtual runtime: virtual run 4's task was resumed from a Dispatch
///     //  thread, outside the run ..."
public enum RuntimeEscape: Sendable, Equatable, CustomStringConvertible {
  /// A task of run `run` was resumed (its job enqueued) from `thread`, outside the run: by a
  /// continuation resumed on a Dispatch queue or a thread the runtime did not start, or by a
  /// hop back from `@MainActor`.
  case resumedFromOutside(thread: String, run: Int)
  /// `thread`, outside run `run`, used one of the run's primitives (`operation`: a lock, a
  /// sleep, the console).
  case usedFromOutside(thread: String, operation: String, run: Int)
  /// A thread of run `caller` used `operation` on an object that belongs to run `owner`.
  case usedByAnotherRun(operation: String, owner: Int, caller: Int, thread: String)
  /// A task was started (`Task {}`, `Task.detached`) on simulated thread `thread`, where no
  /// async executor of the run was active to take it.
  case taskOutsideAsyncCode(thread: String, run: Int)
  /// Simulated thread `thread` of run `run` was about to block (`operation`) on an object of
  /// a live runtime: one made outside the run, with `Runtime.shared` for instance.
  case liveObjectInVirtualRun(operation: String, thread: String, run: Int)
  /// A line was written, from `thread` outside every run, to the live runtime's console
  /// (`Runtime.current` on a thread that belongs to no run) while run `run` was going on.
  case strayOutput(text: String, thread: String, run: Int)
  /// The toolchain lacks a hook the virtual runtime needs to keep `what` inside the run.
  case unsupported(what: String)

  public var description: String {
    let outside =
      "Dispatch queues, threads the runtime did not start, @MainActor code and real I/O run"
      + " outside the virtual run and cannot be replayed"
    switch self {
    case .resumedFromOutside(let thread, let run):
      return "a job left the virtual runtime: virtual run \(run)'s task was resumed from"
        + " \(thread), outside the run (\(outside))"
    case .usedFromOutside(let thread, let operation, let run):
      return "a job left the virtual runtime: \(thread), outside virtual run \(run), called"
        + " \(operation) on it (\(outside))"
    case .usedByAnotherRun(let operation, let owner, let caller, let thread):
      return "a runtime object of virtual run \(owner) was used by virtual run \(caller)"
        + " (\(thread) called \(operation)): each run must make its own objects"
    case .taskOutsideAsyncCode(let thread, let run):
      return "a job left the virtual runtime: a task was started on \(thread) of virtual run"
        + " \(run) outside async code; start tasks from code that runAsync (or an async"
        + " RecordedRun) runs"
    case .liveObjectInVirtualRun(let operation, let thread, let run):
      return "a job left the virtual runtime: \(thread) of virtual run \(run) called"
        + " \(operation) on an object of a live runtime, made outside the run (with"
        + " Runtime.shared, for instance); make it inside the run"
    case .strayOutput(let text, let thread, let run):
      return "a job left the virtual runtime: \(thread), outside virtual run \(run), wrote"
        + " \"\(text.trimmingCharacters(in: .newlines))\" to the live console"
        + " (Runtime.current there is the live runtime; \(outside))"
    case .unsupported(let what):
      return "a job left the virtual runtime: this toolchain has no hook to keep \(what) in"
        + " virtual time (see ToolchainHooks.swift)"
    }
  }
}
