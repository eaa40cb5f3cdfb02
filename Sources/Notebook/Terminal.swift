import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Facts about where output goes.
public enum Terminal {
  /// Colour is for terminals, and never when `NO_COLOR` is set to anything non-empty or
  /// when `TERM` is `dumb` (a terminal that understands no escape sequences).
  public static var wantsColor: Bool {
    wantsColor(
      environment: ProcessInfo.processInfo.environment, isTerminal: isatty(STDOUT_FILENO) == 1)
  }

  /// The rule of ``wantsColor`` for a given environment and output.
  public static func wantsColor(environment: [String: String], isTerminal: Bool) -> Bool {
    if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return false }
    if environment["TERM"] == "dumb" { return false }
    return isTerminal
  }

  /// Whether standard error is a terminal (where progress bars may redraw in place).
  public static var standardErrorIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }
}
