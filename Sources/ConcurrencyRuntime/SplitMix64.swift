/// The SplitMix64 pseudo-random generator: tiny, fast, seedable and reproducible.
///
/// The flag server and the flag images draw every "random" choice from it, so that a
/// seed reproduces the same delays, errors and pictures on every machine.
///
///     var rng = SplitMix64(seed: 42)
///     rng.next() == SplitMix64(seed: 42).next()   // true
public struct SplitMix64: RandomNumberGenerator, Sendable {
  /// The generator's whole state.
  ///
  /// Advances by a fixed odd constant on every draw.
  public private(set) var state: UInt64

  /// Creates a generator; equal seeds give equal sequences.
  ///
  /// Any value is a good seed, including 0.
  public init(seed: UInt64) {
    state = seed
  }

  /// The next 64 pseudo-random bits.
  ///
  /// Sebastiano Vigna's reference constants.
  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// A uniform integer in `0..<bound` (0 when `bound` is 0).
  ///
  /// Uses a 128-bit multiply rather than `%`, so small bounds are unbiased enough for
  /// teaching and the result depends only on the next draw.
  public mutating func next(below bound: UInt64) -> UInt64 {
    guard bound > 0 else { return 0 }
    return next().multipliedFullWidth(by: bound).high
  }

  /// The 64-bit FNV-1a hash of `bytes`, a stable way to turn a string into a seed.
  ///
  /// Unlike `Hasher`, it gives the same value in every process.
  public static func fnv1a(_ bytes: some Sequence<UInt8>) -> UInt64 {
    var hash: UInt64 = 0xCBF2_9CE4_8422_2325
    for byte in bytes {
      hash ^= UInt64(byte)
      hash &*= 0x0000_0100_0000_01B3
    }
    return hash
  }
}
