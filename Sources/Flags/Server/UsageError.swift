/// A command-line mistake, explained in one line.
///
/// The CLI prints ``message`` on standard error, then a usage hint, and exits with
/// status 2. Nothing about the mistake is fatal: the message says what to change.
///
///     do { _ = try ServeOptions.parse(["--port", "0"]) } catch { print(error) }
///     // --port must be between 1 and 65535
public struct UsageError: Error, CustomStringConvertible, Equatable, Sendable {
  /// The one-line explanation, without a trailing newline or "error:" prefix.
  ///
  /// Written to be shown as is.
  public var message: String

  /// Creates an error with its message.
  ///
  /// Keep it to one line that names the option and the accepted values.
  public init(_ message: String) {
    self.message = message
  }

  /// The message itself.
  ///
  /// So that `print(error)` shows exactly the one line.
  public var description: String { message }
}
