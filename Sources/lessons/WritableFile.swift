#if canImport(Glibc)
  import Glibc
#endif

/// A file the command will write when its work is done (`--timeline-svg FILE`,
/// `--save-schedule FILE`), checked before the work starts.
///
/// A file that can never be written is reported at once, in one line, rather than after a
/// whole run has been printed. The check makes a hidden file beside the target and removes it
/// again, so it proves what the final atomic write needs (a folder that takes new files)
/// without touching the target; root, who ignores permission bits, is told the truth too.
///
///     let file = WritableFile("/no/such/dir/t.svg")
///     file.problem   // "No such file or directory"
struct WritableFile {
  /// The path as given.
  let path: String

  init(_ path: String) { self.path = path }

  /// Why the file cannot be written, or nil when it can.
  var problem: String? {
    var info = stat()
    if stat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR {
      return "it is a folder"
    }
    let probe = folder + "/.lessons-write-test-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    let fd = open(probe, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
    guard fd >= 0 else { return String(cString: strerror(errno)) }
    close(fd)
    unlink(probe)
    return nil
  }

  /// The folder the file goes in.
  private var folder: String {
    guard let slash = path.lastIndex(of: "/") else { return "." }
    return slash == path.startIndex ? "/" : String(path[..<slash])
  }
}
