import ConcurrencyRuntime

/// Where `concurrent.futures` would log: standard error, one line per message.
enum FileHandleLog {
  static func error(_ message: String) {
    StandardStream.error.write(message + "\n")
  }
}
