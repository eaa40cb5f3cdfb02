import CommandLineKit

#if canImport(Glibc)
  import Glibc
#endif

/// One thing `lessons-bench` can measure: a command chosen by its first argument, its
/// options declared on the command-line toolkit like `lessons`'s.
protocol BenchmarkMode: ParsableCommand {
  /// Measures and prints one machine-readable line per figure; a failure is thrown.
  static func measure(_ options: Options) throws
}

extension BenchmarkMode {
  /// Measures; a failure is one line on standard error and exit status 1.
  static func run(_ options: Options, in program: Program) -> Int32 {
    do {
      try measure(options)
      return 0
    } catch {
      program.writeError("\(program.invocation(of: self)): \(error)\n")
      return 1
    }
  }
}

extension ValueParser where Value == Int {
  /// A count or a size: a positive whole number, `_` allowed between digits (`100_000`).
  static var count: ValueParser<Int> {
    ValueParser { text, context throws(UsageError) in
      try ValueParser.integer(in: 1...Int.max, requirement: "must be a positive integer")
        .parse(text.filter { $0 != "_" }, context)
    }
  }

  /// A TCP port on 127.0.0.1.
  static var port: ValueParser<Int> { .integer(in: 1...65535) }
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
