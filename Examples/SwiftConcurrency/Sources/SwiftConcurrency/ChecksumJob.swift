/// Checksums computed in `Task.detached` tasks, one per file, and gathered by the caller in
/// the order the files were given, whatever order the tasks finish in.
///
/// Detached tasks inherit nothing from their caller (no priority, no task-locals, no
/// cancellation), which is what work that must outlive a cancelled caller wants; here they
/// only show that such tasks are gathered like any other.
///
///     let sums = try await ChecksumJob(log: { print($0) }).run(["a.txt", "bb.txt"])
///     // a.txt: checksum 0x…
///     // gathered a.txt: 0x…
public struct ChecksumJob: Sendable {
  /// Where the lines go.
  public var log: Log

  /// A job that logs to `log`.
  public init(log: @escaping Log) { self.log = log }

  /// Starts one detached task per file, then awaits each one's value in turn; returns the
  /// checksums in the files' order.
  public func run(_ files: [String]) async throws -> [UInt32] {
    let log = self.log
    let tasks = files.map { file in
      Task.detached(priority: .utility) { () async throws -> UInt32 in
        // Reading a file of n bytes takes n × 100 ms here.
        try await Task.sleep(for: .milliseconds(100 * file.utf8.count))
        let sum = Self.adler32(file)
        log("\(file): checksum \(Self.hex(sum))")
        return sum
      }
    }
    var sums: [UInt32] = []
    for (file, task) in zip(files, tasks) {
      sums.append(try await task.value)
      log("gathered \(file): \(Self.hex(sums.last!))")
    }
    log("combined: \(Self.hex(sums.reduce(0, ^)))")
    return sums
  }

  /// The Adler-32 checksum of `text`'s UTF-8 bytes.
  static func adler32(_ text: String) -> UInt32 {
    var (a, b): (UInt32, UInt32) = (1, 0)
    for byte in text.utf8 {
      a = (a + UInt32(byte)) % 65_521
      b = (b + a) % 65_521
    }
    return b << 16 | a
  }

  static func hex(_ value: UInt32) -> String {
    let digits = String(value, radix: 16)
    return "0x" + String(repeating: "0", count: 8 - digits.count) + digits
  }
}
