import Foundation

/// Where `concurrent.futures` would log: standard error, one line per message.
enum FileHandleLog {
  static func error(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
  }
}
