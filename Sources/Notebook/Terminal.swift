import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Facts about where output goes.
public enum Terminal {
  /// Colour is for terminals, and never when `NO_COLOR` is set to anything non-empty.
  public static var wantsColor: Bool {
    if let noColor = ProcessInfo.processInfo.environment["NO_COLOR"], !noColor.isEmpty {
      return false
    }
    return isatty(STDOUT_FILENO) == 1
  }

  /// Whether standard error is a terminal (where progress bars may redraw in place).
  public static var standardErrorIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }
}
