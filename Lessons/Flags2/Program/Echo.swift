import ConcurrencyRuntime

/// Prints `line` and a newline on the console of the calling thread's runtime, the way the
/// book's programs `print` their verbose lines.
///
/// Going through the runtime's console keeps lines whole when threads print at once, and
/// puts them in the transcript of a virtual run.
///
///     echo("CN OK")
///     // CN OK
public func echo(_ line: String) {
  Runtime.current.console.write(line + "\n")
}
