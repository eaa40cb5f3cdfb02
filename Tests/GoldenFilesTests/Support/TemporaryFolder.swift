import Foundation

/// A fresh, empty folder for one test, removed when the test is done with it.
struct TemporaryFolder {
  let url: URL

  /// Runs `body` with a new folder under the system's temporary directory, then removes it.
  static func with<T>(_ body: (TemporaryFolder) throws -> T) throws -> T {
    let url = FileManager.default.temporaryDirectory
      .appendingPathComponent("GoldenFilesTests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: url) }
    return try body(TemporaryFolder(url: url))
  }

  /// The URL of `name` (a relative path) inside the folder.
  func file(_ name: String) -> URL { url.appendingPathComponent(name) }

  /// Writes `text` to `name`, creating folders as needed.
  func write(_ text: String, to name: String) throws {
    let target = file(name)
    try FileManager.default.createDirectory(
      at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(text.utf8).write(to: target)
  }

  /// The text of `name`, or nil if there is no such file.
  func read(_ name: String) -> String? {
    guard let data = FileManager.default.contents(atPath: file(name).path) else { return nil }
    return String(decoding: data, as: UTF8.self)
  }

  /// True if `name` exists.
  func exists(_ name: String) -> Bool { FileManager.default.fileExists(atPath: file(name).path) }

  /// Every name in the folder, hidden ones included, sorted.
  func names() throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: url.path).sorted()
  }
}
