import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// What a run's resident set did: the first sample, the highest, the last, and the one taken
/// when a tenth of the work was done (after the warm-up: pools, caches and allocator arenas
/// grown), in bytes.
///
/// Memory is flat when it is bounded: `last` no higher than `afterWarmUp` by more than a
/// little, however long the run goes on.
///
///     let figures = ResidentMemory(first: 20 << 20, afterWarmUp: 30 << 20, peak: 34 << 20,
///       last: 31 << 20, samples: 120)
///     print(figures)
///     // rss first=20.0MB after_warm_up=30.0MB peak=34.0MB last=31.0MB samples=120
public struct ResidentMemory: Sendable, Equatable, CustomStringConvertible {
  /// The sample taken as the run began.
  public var first: Int
  /// The first sample taken once a tenth of the work was done (`first` if none was).
  public var afterWarmUp: Int
  /// The highest sample.
  public var peak: Int
  /// The sample taken as the run ended.
  public var last: Int
  /// How many samples were taken.
  public var samples: Int

  /// Figures from the samples given.
  public init(first: Int, afterWarmUp: Int, peak: Int, last: Int, samples: Int) {
    self.first = first
    self.afterWarmUp = afterWarmUp
    self.peak = peak
    self.last = last
    self.samples = samples
  }

  /// How much the resident set grew from the warm-up to the end, in bytes (negative if it
  /// shrank).
  public var growthAfterWarmUp: Int { last - afterWarmUp }

  /// `rss first=… after_warm_up=… peak=… last=… samples=N`, in megabytes.
  public var description: String {
    "rss first=\(Self.megabytes(first)) after_warm_up=\(Self.megabytes(afterWarmUp)) "
      + "peak=\(Self.megabytes(peak)) last=\(Self.megabytes(last)) samples=\(samples)"
  }

  /// `12.3MB`.
  public static func megabytes(_ bytes: Int) -> String {
    String(format: "%.1fMB", Double(bytes) / 1_048_576)
  }

  /// This process's resident set now, in bytes: the second field of `/proc/self/statm`
  /// (pages), times the page size. Nil where there is no `/proc`.
  public static func current() -> Int? {
    let fd = open("/proc/self/statm", O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { return nil }
    defer { close(fd) }
    var buffer = [UInt8](repeating: 0, count: 128)
    let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
    guard count > 0 else { return nil }
    let fields = buffer[..<count].split(separator: UInt8(ascii: " "))
    guard fields.count > 1, let pages = Int(String(decoding: fields[1], as: UTF8.self)) else {
      return nil
    }
    return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
  }
}
