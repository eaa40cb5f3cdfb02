import ConcurrencyRuntime

/// Why a recorded run stopped before it finished: the body threw, or the runtime stopped the
/// run (a deadlock, a replayed schedule that no longer fits, anything else the runtime cannot
/// let go on).
///
/// A run that did not finish is reported as such by `assertInvariants` and
/// `assertTranscript`, never as an invariant held or broken.
///
///     struct Broken: Error {}
///     let run = RecordedRun.record { throw Broken() }
///     run.failure?.thrownTypeName   // "Broken"
///     print(run.failure!)
///     // the body threw Broken: Broken()
public enum RunFailure: Error, CustomStringConvertible {
  /// The body (or code it waited for) threw this error.
  ///
  ///     if case .threw(let error) = run.failure { error is Broken }   // true
  case threw(any Error)
  /// The runtime stopped the run; the error says why.
  ///
  ///     if case .stopped(let error) = run.failure { print(error) }
  ///     // deadlock: every thread is blocked: MainThread (join)
  case stopped(RuntimeError)

  /// The failure `error` stands for: a ``RuntimeError`` is the runtime stopping the run,
  /// anything else the body throwing.
  ///
  ///     RunFailure(Broken()).thrownTypeName   // "Broken"
  public init(_ error: any Error) {
    if let error = error as? RuntimeError {
      self = .stopped(error)
    } else {
      self = .threw(error)
    }
  }

  /// The name of the type the body threw, nil when the runtime stopped the run.
  ///
  ///     RunFailure(Broken()).thrownTypeName   // "Broken"
  public var thrownTypeName: String? {
    if case .threw(let error) = self { return String(describing: type(of: error)) }
    return nil
  }

  /// What the thrown error says of itself (`"\(error)"`), nil when the runtime stopped the
  /// run.
  ///
  ///     RunFailure(Broken()).thrownDescription   // "Broken()"
  public var thrownDescription: String? {
    if case .threw(let error) = self { return String(describing: error) }
    return nil
  }

  /// The runtime's reason for stopping the run, nil when the body threw.
  ///
  ///     run.failure?.runtimeError   // RuntimeError.deadlock([…])
  public var runtimeError: RuntimeError? {
    if case .stopped(let error) = self { return error }
    return nil
  }

  /// One line: `the body threw TYPE: DESCRIPTION`, or `the runtime stopped the run: WHY`.
  ///
  ///     print(RunFailure(Broken()))
  ///     // the body threw Broken: Broken()
  public var description: String {
    switch self {
    case .threw(let error):
      return "the body threw \(String(describing: type(of: error))): \(error)"
    case .stopped(let error):
      return "the runtime stopped the run: \(error)"
    }
  }
}
