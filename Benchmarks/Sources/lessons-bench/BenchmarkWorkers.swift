import Digest
import Futures

/// The worker functions `lessons-bench` hosts as `lessons-bench worker`, for the process-pool
/// benchmark: the pool starts this very executable with `worker`, as `lessons` will.
enum BenchmarkWorkers {
  /// Returns its argument: a job that costs nothing, to time the round trip.
  static let identity = WorkerFunction<Int, Int>("identity") { $0 }

  /// The SHA-256 of a deterministic block of bytes: the CPU-bound kernel.
  static let digest = WorkerFunction<DigestJob, String>("digest") { job in
    SHA256.hexDigest(of: job.bytes())
  }

  static let registry: WorkerRegistry = {
    var registry = WorkerRegistry()
    registry.register(identity)
    registry.register(digest)
    return registry
  }()
}

/// `size` bytes made from `seed`, to hash; `Benchmarks/procpool_bench.py` makes the same ones.
struct DigestJob: Codable, Sendable {
  var seed: UInt64
  var size: Int

  /// Byte `i` is `(i * 31 + seed) mod 256`.
  func bytes() -> [UInt8] {
    var bytes = [UInt8](repeating: 0, count: size)
    var value = UInt8(truncatingIfNeeded: seed)
    for index in 0..<size {
      bytes[index] = value
      value &+= 31
    }
    return bytes
  }
}
