import Digest
import Futures
import Stress

/// The worker functions `lessons-bench` hosts as `lessons-bench worker`, for the process-pool
/// benchmark: the pool starts this very executable with `worker`, as `lessons` will.
enum BenchmarkWorkers {
  /// Returns its argument: a job that costs nothing, to time the round trip.
  static let identity = WorkerFunction<Int, Int>("identity") { $0 }

  /// The SHA-256 of a deterministic block of bytes: the CPU-bound kernel.
  static let digest = WorkerFunction<DigestJob, String>("digest") { $0.hexDigest() }

  static let registry: WorkerRegistry = {
    var registry = WorkerRegistry()
    registry.register(identity)
    registry.register(digest)
    ProcessPoolStress.register(in: &registry)
    return registry
  }()
}

/// `size` bytes made from `seed`, to hash; `Benchmarks/procpool_bench.py` makes the same ones.
struct DigestJob: Codable, Sendable {
  var seed: UInt64
  var size: Int

  /// The SHA-256 of the bytes, where byte `i` is `(i * 31 + seed) mod 256`. They are made and
  /// hashed 64 KiB at a time, so that the work is all computing: no page faults, which threads
  /// of one process would take turns at.
  func hexDigest() -> String {
    var hasher = SHA256()
    var chunk = [UInt8](repeating: 0, count: 64 * 1024)
    var value = UInt8(truncatingIfNeeded: seed)
    var left = size
    while left > 0 {
      let count = min(left, chunk.count)
      if count < chunk.count { chunk = [UInt8](repeating: 0, count: count) }
      for index in 0..<count {
        chunk[index] = value
        value &+= 31
      }
      hasher.update(chunk)
      left -= count
    }
    return SHA256.hex(hasher.finalize())
  }
}
