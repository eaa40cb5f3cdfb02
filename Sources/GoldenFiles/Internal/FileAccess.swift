import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Reading, atomic writing and removing files, with errors that name the file.
package enum FileAccess {
  /// The bytes of the file at `path`, or nil if there is no such file.
  static func contents(_ path: String) throws(GoldenFileError) -> [UInt8]? {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    if fd < 0 {
      let code = errno
      if code == ENOENT { return nil }
      throw .unreadable(path: path, reason: describe(code))
    }
    defer { close(fd) }
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 64 * 1024)
    while true {
      let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
      if count == 0 { return bytes }
      if count < 0 {
        if errno == EINTR { continue }
        throw .unreadable(path: path, reason: describe(errno))
      }
      bytes += buffer[0..<count]
    }
  }

  /// Writes `bytes` to `path` so that readers see the old file or the new one, never a part:
  /// a hidden temporary file in the same folder, flushed to disk, then renamed over `path`.
  /// Creates the folder if needed.
  package static func store(_ bytes: [UInt8], at path: String) throws(GoldenFileError) {
    let folder = (path as NSString).deletingLastPathComponent
    if !folder.isEmpty {
      do {
        try FileManager.default.createDirectory(
          atPath: folder, withIntermediateDirectories: true)
      } catch {
        throw .unwritable(path: folder, reason: "\(error.localizedDescription)")
      }
    }
    let (fd, temporary) = try createTemporary(beside: path)
    var failure: Int32 = 0
    bytes.withUnsafeBytes { buffer in
      var offset = 0
      while offset < buffer.count, let base = buffer.baseAddress {
        let written = write(fd, base + offset, buffer.count - offset)
        if written < 0 {
          if errno == EINTR { continue }
          failure = errno
          return
        }
        offset += written
      }
    }
    if failure == 0 && fsync(fd) != 0 { failure = errno }
    if close(fd) != 0 && failure == 0 { failure = errno }
    if failure == 0 && rename(temporary, path) != 0 { failure = errno }
    if failure != 0 {
      unlink(temporary)
      throw .unwritable(path: path, reason: describe(failure))
    }
  }

  /// Removes the file at `path` if there is one.
  static func remove(_ path: String) throws(GoldenFileError) {
    if unlink(path) != 0 && errno != ENOENT {
      throw .unwritable(path: path, reason: describe(errno))
    }
  }

  /// Renames `source` over `destination`, atomically; false if `source` does not exist.
  static func move(_ source: String, to destination: String) throws(GoldenFileError) -> Bool {
    if rename(source, destination) == 0 { return true }
    if errno == ENOENT { return false }
    throw .unwritable(path: destination, reason: describe(errno))
  }

  /// Opens a new `.NAME.RANDOM.tmp` beside `path` for writing. Its permissions are those of a
  /// newly created file (0666 less the umask), as if `path` had been written directly.
  private static func createTemporary(beside path: String) throws(GoldenFileError) -> (
    Int32, String
  ) {
    let folder = (path as NSString).deletingLastPathComponent
    let name = (path as NSString).lastPathComponent
    while true {
      let suffix = String(UInt64.random(in: 0...UInt64.max), radix: 36)
      let candidate = (folder as NSString).appendingPathComponent(".\(name).\(suffix).tmp")
      let fd = open(candidate, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
      if fd >= 0 { return (fd, candidate) }
      if errno != EEXIST { throw .unwritable(path: path, reason: describe(errno)) }
    }
  }

  /// The system's one-line explanation of an `errno` value.
  static func describe(_ code: Int32) -> String {
    strerror(code).map { String(cString: $0) } ?? "errno \(code)"
  }
}
