/// Why a flag server could not start.
///
/// The description is one line, suitable for the CLI's "runtime failure" message.
public enum FlagServerError: Error, CustomStringConvertible, Equatable, Sendable {
  /// Another process (perhaps another `lessons serve`) already listens on the port.
  ///
  /// Carries the port asked for.
  case portInUse(UInt16)
  /// A socket call failed.
  ///
  /// `call` names it (`bind`, `listen`) and `reason` is the system's explanation.
  case socket(call: String, reason: String)
  /// `start()` was called on a server that is running or has been stopped.
  ///
  /// Servers are not restartable: make a new one.
  case alreadyStarted

  /// A one-line explanation.
  ///
  /// Mentions what to try next where there is something to try.
  public var description: String {
    switch self {
    case .portInUse(let port):
      "port \(port) on 127.0.0.1 is already in use; choose another with --port"
    case .socket(let call, let reason):
      "could not start the flag server: \(call) failed: \(reason)"
    case .alreadyStarted:
      "the flag server was already started"
    }
  }
}
