import ConcurrencyRuntime
import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The folder flags are saved in, written atomically.
///
/// ``save(_:as:)`` writes a hidden temporary file beside the target and renames it into
/// place, so a reader — or a run interrupted half-way — never sees a partial flag.
/// ``prepare()`` creates the folder if needed and proves it writable, so that a bad
/// destination is reported once, before any download starts.
///
///     let folder = FlagFolder("downloads/")
///     try folder.prepare()
///     try folder.save(gif, as: "cn.gif")   // downloads/cn.gif
public struct FlagFolder: Equatable, Sendable {
  /// The folder's path as given (relative paths are relative to the working directory).
  public let path: String
  /// Whether saving writes nothing at all (``nowhere``).
  public let discards: Bool

  /// A folder at `path`; nothing is touched until ``prepare()`` or ``save(_:as:)``.
  public init(_ path: String) {
    self.path = path
    self.discards = false
  }

  /// A folder that keeps nothing: saving succeeds and writes no file. What a run in virtual
  /// time saves into, so that a replay leaves no trace on the disk.
  public static let nowhere = FlagFolder(discarding: "/dev/null")

  private init(discarding path: String) {
    self.path = path
    self.discards = true
  }

  /// Creates the folder and its parents if missing, and checks that a file can be written.
  public func prepare() throws(FlagFolderError) {
    if discards { return }
    try makeDirectories()
    let probe = try createTemporary(for: "write-test")
    close(probe.fd)
    unlink(probe.path)
    TemporaryFiles.unregister(probe.path)
  }

  /// Writes `data` as `filename` in the folder: temporary file, then rename.
  public func save(_ data: Data, as filename: String) throws(FlagFolderError) {
    guard !filename.isEmpty, !filename.contains("/"), filename != ".", filename != ".." else {
      throw FlagFolderError(path: filename, reason: "not a plain file name")
    }
    if discards { return }
    let temporary = try createTemporary(for: filename)
    defer { TemporaryFiles.unregister(temporary.path) }
    var failure = data.withUnsafeBytes { POSIXWrite.all($0, to: temporary.fd) }
    if close(temporary.fd) != 0 && failure == 0 { failure = errno }
    if failure == 0 && rename(temporary.path, file(filename)) != 0 { failure = errno }
    if failure != 0 {
      unlink(temporary.path)
      throw FlagFolderError(path: file(filename), reason: Self.describe(failure))
    }
  }

  /// The path of `filename` inside the folder.
  public func file(_ filename: String) -> String {
    path.hasSuffix("/") ? path + filename : path + "/" + filename
  }

  /// `mkdir -p`, reporting the first component that cannot be made a directory.
  private func makeDirectories() throws(FlagFolderError) {
    guard !path.isEmpty else { throw FlagFolderError(path: path, reason: "empty path") }
    var prefix = path.hasPrefix("/") ? "/" : ""
    for component in path.split(separator: "/") {
      prefix += component
      if mkdir(prefix, 0o755) != 0 && errno != EEXIST {
        throw FlagFolderError(path: path, reason: Self.describe(errno))
      }
      prefix += "/"
    }
    var info = stat()
    guard stat(path, &info) == 0 else {
      throw FlagFolderError(path: path, reason: Self.describe(errno))
    }
    guard info.st_mode & S_IFMT == S_IFDIR else {
      throw FlagFolderError(path: path, reason: Self.describe(ENOTDIR))
    }
  }

  /// Opens a new hidden file `.<name>.<random>.tmp` in the folder for writing, registered with
  /// ``TemporaryFiles`` so that a process stopping at once removes it; the caller unregisters it.
  private func createTemporary(for name: String) throws(FlagFolderError) -> (
    fd: Int32, path: String
  ) {
    while true {
      let suffix = String(UInt64.random(in: 0...UInt64.max), radix: 36)
      let candidate = file(".\(name).\(suffix).tmp")
      guard TemporaryFiles.register(candidate) else {
        throw FlagFolderError(path: path, reason: "the program is stopping")
      }
      let fd = open(candidate, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
      if fd >= 0 { return (fd, candidate) }
      let failure = errno
      TemporaryFiles.unregister(candidate)
      if failure != EEXIST { throw FlagFolderError(path: path, reason: Self.describe(failure)) }
    }
  }

  static func describe(_ code: Int32) -> String { POSIXWrite.describe(code) }
}

/// A folder or file that could not be written, explained in one line.
///
///     cannot save flags in 'downloads/': Permission denied
public struct FlagFolderError: Error, Equatable, CustomStringConvertible, Sendable {
  /// The folder or file concerned.
  public var path: String
  /// The system's explanation.
  public var reason: String

  /// An error about `path`, because of `reason`.
  public init(path: String, reason: String) {
    self.path = path
    self.reason = reason
  }

  /// `cannot save flags in 'PATH': REASON`.
  public var description: String { "cannot save flags in '\(path)': \(reason)" }
}
