#if canImport(Glibc)
  import Glibc
#endif

/// One thing `lessons-bench` can measure, chosen by its first argument.
protocol BenchmarkMode {
  /// The first argument that selects it (`futures`).
  static var name: String { get }
  /// One line for the usage text.
  static var summary: String { get }
  /// The mode's synopsis, without the program name.
  static var usage: String { get }
  /// Measures and prints one machine-readable line per figure; usage errors are thrown as
  /// `BenchmarkOptions.UsageError`.
  static func run(_ options: BenchmarkOptions) throws
}

/// Unbuffered line output, so that figures reach a pipe as soon as they are measured.
enum BenchmarkOutput {
  static func line(_ text: String, terminator: String = "\n") {
    write(fd: 1, text + terminator)
  }

  static func error(_ text: String) {
    write(fd: 2, text + "\n")
  }

  private static func write(fd: Int32, _ text: String) {
    var text = text
    text.withUTF8 { buffer in
      var offset = 0
      while offset < buffer.count {
        let written = Glibc.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
        if written <= 0 { return }
        offset += written
      }
    }
  }
}

/// The monotonic clock, in nanoseconds.
func monotonicNanoseconds() -> UInt64 {
  var now = timespec()
  clock_gettime(CLOCK_MONOTONIC, &now)
  return UInt64(now.tv_sec) * 1_000_000_000 + UInt64(now.tv_nsec)
}
