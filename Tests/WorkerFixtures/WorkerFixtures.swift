import ConcurrencyRuntime
import Digest
import Foundation
import Futures

#if canImport(Glibc)
  import Glibc
#endif

/// The worker functions the process-pool tests run, hosted live by `lessons-test-worker worker`
/// and in virtual time by the pool's simulated workers: one registry for both, as a program
/// and its `worker` command share theirs.
public enum WorkerFixtures {
  /// `n * n`, costing one virtual second.
  public static let square = WorkerFunction<Int, Int>("square") { $0 * $0 }
    .costing { _ in .seconds(1) }

  /// Throws ``Boom`` with the message given.
  public static let fail = WorkerFunction<String, Int>("fail") { throw Boom(message: $0) }

  /// Ends its worker process with the status given, without answering.
  public static let exitWith = WorkerFunction<Int32, Int>("exitWith") {
    throw WorkerProcessExit(status: $0)
  }

  /// Sends its own process the signal given (live only: in virtual time the "process" is the
  /// test itself).
  public static let crash = WorkerFunction<Int32, Int>("crash") { signal in
    raise(signal)
    return 0
  }

  /// Sleeps on the runtime's clock for the seconds given (a real sleep in a live worker),
  /// then returns them.
  public static let hold = WorkerFunction<Int, Int>("hold") { seconds in
    Runtime.current.sleep(for: .seconds(seconds))
    return seconds
  }

  /// Where it ran: the process id and the thread's name (a simulated worker's thread is named
  /// after its process), costing one virtual second.
  public static let whereAmI = WorkerFunction<Int, Place>("whereAmI") { _ in
    Place(pid: getpid(), thread: Runtime.current.currentThreadName)
  }
  .costing { _ in .seconds(1) }

  /// Halves a number: with `Double.nan` as its argument, the argument cannot be encoded.
  public static let halve = WorkerFunction<Double, Double>("halve") { $0 / 2 }

  /// Returns infinity, which JSON cannot encode: the result fails to cross back.
  public static let infinity = WorkerFunction<Int, Double>("infinity") { _ in .infinity }

  /// Prints to its standard output, then returns its argument: the print must not garble the
  /// messages.
  public static let chatty = WorkerFunction<String, String>("chatty") { text in
    print("chatty says \(text)")
    fflush(nil)
    return text
  }

  /// The SHA-256 of a deterministic block of bytes, costing a virtual millisecond per KiB.
  public static let digest = WorkerFunction<DigestJob, String>("digest") { job in
    SHA256.hexDigest(of: job.bytes())
  }
  .costing { .milliseconds($0.size / 1024) }

  /// Every fixture.
  public static let registry: WorkerRegistry = {
    var registry = WorkerRegistry()
    registry.register(square)
    registry.register(fail)
    registry.register(exitWith)
    registry.register(crash)
    registry.register(hold)
    registry.register(whereAmI)
    registry.register(halve)
    registry.register(infinity)
    registry.register(chatty)
    registry.register(digest)
    return registry
  }()
}

/// The error ``WorkerFixtures/fail`` throws.
public struct Boom: Error, Equatable, CustomStringConvertible {
  /// What it says.
  public var message: String
  /// An error saying `message`.
  public init(message: String) { self.message = message }
  /// The message.
  public var description: String { message }
}

/// Where a job ran.
public struct Place: Codable, Hashable, Sendable {
  /// The process id.
  public var pid: Int32
  /// The thread's name.
  public var thread: String
}

/// `size` bytes made from `seed`, to hash.
public struct DigestJob: Codable, Hashable, Sendable, CustomStringConvertible {
  /// Picks the bytes.
  public var seed: UInt64
  /// How many.
  public var size: Int

  /// A job of `size` bytes from `seed`.
  public init(seed: UInt64, size: Int) {
    self.seed = seed
    self.size = size
  }

  /// The bytes: byte `i` is `(i * 31 + seed) mod 256`, easy to make in any language.
  public func bytes() -> [UInt8] {
    (0..<size).map { UInt8(truncatingIfNeeded: UInt64($0) &* 31 &+ seed) }
  }

  /// `seed 1, 1024 bytes`.
  public var description: String { "seed \(seed), \(size) bytes" }
}
