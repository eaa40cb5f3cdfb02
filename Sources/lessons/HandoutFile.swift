import ConcurrencyRuntime
import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The file a handout is written to: whole or not at all.
///
/// ``check()`` proves, before a section runs, that the file can be made (its folder exists
/// and takes a new file, and the path is no folder), so a live run of minutes is not wasted
/// on a typo. ``write(_:)`` writes a hidden temporary file beside it and renames it into
/// place, so that a reader never sees half a page, and an old file stays whole until the new
/// one replaces it. A link is followed, so the file it points to is replaced and the link
/// kept; a device or a pipe (`/dev/stdout`) is written straight, as it cannot be replaced.
///
///     let file = HandoutFile("chapter.html")
///     try file.check()
///     try file.write(page)
struct HandoutFile {
  /// The path as given.
  let path: String

  init(_ path: String) { self.path = path }

  /// Throws if the file could not be written.
  func check() throws(HandoutFileError) {
    try refuseFolder()
    if isSpecial {
      guard access(target, W_OK) == 0 else {
        throw HandoutFileError(path: path, reason: POSIXWrite.describe(errno))
      }
      return
    }
    let probe = try createTemporary()
    close(probe.fd)
    unlink(probe.path)
    TemporaryFiles.unregister(probe.path)
  }

  /// Why the file cannot be written, as ``check()`` finds it, or nil when it can: for a file
  /// written when the work is done (`--timeline-svg FILE`, `--save-schedule FILE`), checked
  /// before the work starts.
  ///
  ///     HandoutFile("/no/such/dir/t.svg").problem   // "No such file or directory"
  var problem: String? {
    do {
      try check()
      return nil
    } catch {
      return error.reason
    }
  }

  /// Writes `text` as the whole file.
  func write(_ text: String) throws(HandoutFileError) {
    try refuseFolder()
    if isSpecial { return try writeStraight(text) }
    let temporary = try createTemporary()
    defer { TemporaryFiles.unregister(temporary.path) }
    var failure = Data(text.utf8).withUnsafeBytes { POSIXWrite.all($0, to: temporary.fd) }
    if close(temporary.fd) != 0 && failure == 0 { failure = errno }
    if failure == 0 && rename(temporary.path, target) != 0 { failure = errno }
    if failure != 0 {
      unlink(temporary.path)
      throw HandoutFileError(path: path, reason: POSIXWrite.describe(failure))
    }
  }

  /// The file to replace: the path, or where the link at the path points.
  private var target: String {
    var info = stat()
    guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFLNK,
      let resolved = realpath(path, nil)
    else {
      return path
    }
    defer { free(resolved) }
    return String(cString: resolved)
  }

  /// Whether the path is a device, a pipe or a socket: something to write into, not replace.
  private var isSpecial: Bool {
    var info = stat()
    guard stat(path, &info) == 0 else { return false }
    let type = info.st_mode & S_IFMT
    return type == S_IFCHR || type == S_IFIFO || type == S_IFSOCK || type == S_IFBLK
  }

  /// Writes `text` into a device or pipe as it is.
  private func writeStraight(_ text: String) throws(HandoutFileError) {
    let fd = open(path, O_WRONLY | O_CLOEXEC)
    guard fd >= 0 else { throw HandoutFileError(path: path, reason: POSIXWrite.describe(errno)) }
    var failure = Data(text.utf8).withUnsafeBytes { POSIXWrite.all($0, to: fd) }
    if close(fd) != 0 && failure == 0 { failure = errno }
    if failure != 0 { throw HandoutFileError(path: path, reason: POSIXWrite.describe(failure)) }
  }

  /// A folder, or a path ending in `/`, is no file to write.
  private func refuseFolder() throws(HandoutFileError) {
    var info = stat()
    let isFolder = stat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR
    if isFolder || path.hasSuffix("/") {
      throw HandoutFileError(path: path, reason: "it is a folder")
    }
  }

  /// Opens a new file `.<name>.<random>.tmp` beside the target, registered with
  /// ``TemporaryFiles`` so that a program stopping at once removes it.
  private func createTemporary() throws(HandoutFileError) -> (fd: Int32, path: String) {
    let url = URL(fileURLWithPath: target)
    let folder = url.deletingLastPathComponent().path
    while true {
      let suffix = String(UInt64.random(in: 0...UInt64.max), radix: 36)
      let candidate = folder + "/." + url.lastPathComponent + "." + suffix + ".tmp"
      guard TemporaryFiles.register(candidate) else {
        throw HandoutFileError(path: path, reason: "the program is stopping")
      }
      let fd = open(candidate, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
      if fd >= 0 { return (fd, candidate) }
      let failure = errno
      TemporaryFiles.unregister(candidate)
      if failure == EEXIST { continue }
      throw HandoutFileError(path: path, reason: POSIXWrite.describe(failure))
    }
  }
}

/// Why a handout's file could not be written: `cannot write PATH: REASON`.
struct HandoutFileError: Error, CustomStringConvertible {
  let path: String
  let reason: String
  var description: String { "cannot write \(path): \(reason)" }
}
