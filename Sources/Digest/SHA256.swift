/// SHA-256 (FIPS 180-4), written out in Swift: the CPU-bound kernel of the lessons and
/// benchmarks about processes, as the book hashes random data with SHA-256.
///
/// It lives in a module of its own because it is neither concurrency machinery (`Futures`)
/// nor part of the seam (`Runtime`): lessons, the benchmark's workers and the tests all use it
/// as plain, verifiable CPU work, and any worker executable can register it.
///
/// Hash bytes at once, or feed them in pieces:
///
///     print(SHA256.hexDigest(of: Array("abc".utf8)))
///     // ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad
///
///     var hasher = SHA256()
///     hasher.update(Array("ab".utf8))
///     hasher.update(Array("c".utf8))
///     print(hasher.finalize() == SHA256.digest(of: Array("abc".utf8)))   // true
public struct SHA256: Sendable {
  private var state: (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32) = (
    0x6a09_e667, 0xbb67_ae85, 0x3c6e_f372, 0xa54f_f53a, 0x510e_527f, 0x9b05_688c, 0x1f83_d9ab,
    0x5be0_cd19
  )
  /// Bytes of an unfinished block.
  private var buffer: [UInt8] = []
  private var length: UInt64 = 0

  /// A hasher that has seen nothing yet.
  public init() { buffer.reserveCapacity(64) }

  /// The 32-byte digest of `bytes`.
  public static func digest(of bytes: [UInt8]) -> [UInt8] {
    var hasher = SHA256()
    hasher.update(bytes)
    return hasher.finalize()
  }

  /// The digest of `bytes` in lowercase hexadecimal, as Python's `hexdigest()`.
  public static func hexDigest(of bytes: [UInt8]) -> String {
    hex(digest(of: bytes))
  }

  /// `bytes` in lowercase hexadecimal.
  public static func hex(_ bytes: [UInt8]) -> String {
    let digits = Array("0123456789abcdef".utf8)
    var text: [UInt8] = []
    text.reserveCapacity(bytes.count * 2)
    for byte in bytes {
      text.append(digits[Int(byte >> 4)])
      text.append(digits[Int(byte & 0xf)])
    }
    return String(decoding: text, as: UTF8.self)
  }

  /// Feeds `bytes` to the hash.
  public mutating func update(_ bytes: [UInt8]) {
    length &+= UInt64(bytes.count)
    bytes.withUnsafeBufferPointer { input in
      var offset = 0
      if !buffer.isEmpty {
        let take = min(64 - buffer.count, input.count)
        buffer.append(contentsOf: input[0..<take])
        offset = take
        guard buffer.count == 64 else { return }
        buffer.withUnsafeBufferPointer { compress(UnsafeRawBufferPointer($0)) }
        buffer.removeAll(keepingCapacity: true)
      }
      while input.count - offset >= 64 {
        compress(UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: input[offset..<offset + 64])))
        offset += 64
      }
      buffer.append(contentsOf: input[offset...])
    }
  }

  /// Pads the message, and returns the 32-byte digest.
  public mutating func finalize() -> [UInt8] {
    let bits = length &* 8
    var tail = buffer
    tail.append(0x80)
    while tail.count % 64 != 56 { tail.append(0) }
    for shift in stride(from: 56, through: 0, by: -8) {
      tail.append(UInt8(truncatingIfNeeded: bits >> UInt64(shift)))
    }
    buffer = []
    tail.withUnsafeBufferPointer { blocks in
      var offset = 0
      while offset < blocks.count {
        compress(
          UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: blocks[offset..<offset + 64])))
        offset += 64
      }
    }
    var digest: [UInt8] = []
    digest.reserveCapacity(32)
    for word in [state.0, state.1, state.2, state.3, state.4, state.5, state.6, state.7] {
      for shift in stride(from: 24, through: 0, by: -8) {
        digest.append(UInt8(truncatingIfNeeded: word >> UInt32(shift)))
      }
    }
    return digest
  }

  /// One 64-byte block into the state (FIPS 180-4, section 6.2.2).
  private mutating func compress(_ block: UnsafeRawBufferPointer) {
    var w = (
      UInt32(0), UInt32(0), UInt32(0), UInt32(0), UInt32(0), UInt32(0), UInt32(0), UInt32(0),
      UInt32(0), UInt32(0), UInt32(0), UInt32(0), UInt32(0), UInt32(0), UInt32(0), UInt32(0)
    )
    withUnsafeMutableBytes(of: &w) { raw in
      let words = raw.bindMemory(to: UInt32.self)
      for index in 0..<16 {
        words[index] = UInt32(
          bigEndian: block.loadUnaligned(fromByteOffset: index * 4, as: UInt32.self))
      }
      var (a, b, c, d, e, f, g, h) = state
      for round in 0..<64 {
        let word: UInt32
        if round < 16 {
          word = words[round]
        } else {
          let w15 = words[(round - 15) & 15]
          let w2 = words[(round - 2) & 15]
          let s0 = rotate(w15, 7) ^ rotate(w15, 18) ^ (w15 >> 3)
          let s1 = rotate(w2, 17) ^ rotate(w2, 19) ^ (w2 >> 10)
          word = words[round & 15] &+ s0 &+ words[(round - 7) & 15] &+ s1
          words[round & 15] = word
        }
        let sum1 = rotate(e, 6) ^ rotate(e, 11) ^ rotate(e, 25)
        let choice = (e & f) ^ (~e & g)
        let temp1 = h &+ sum1 &+ choice &+ Self.k[round] &+ word
        let sum0 = rotate(a, 2) ^ rotate(a, 13) ^ rotate(a, 22)
        let majority = (a & b) ^ (a & c) ^ (b & c)
        let temp2 = sum0 &+ majority
        h = g
        g = f
        f = e
        e = d &+ temp1
        d = c
        c = b
        b = a
        a = temp1 &+ temp2
      }
      state.0 &+= a
      state.1 &+= b
      state.2 &+= c
      state.3 &+= d
      state.4 &+= e
      state.5 &+= f
      state.6 &+= g
      state.7 &+= h
    }
  }

  @inline(__always)
  private func rotate(_ value: UInt32, _ count: UInt32) -> UInt32 {
    (value >> count) | (value << (32 - count))
  }

  /// The round constants: the first 32 bits of the fractional parts of the cube roots of the
  /// first 64 primes.
  private static let k: [UInt32] = [
    0x428a_2f98, 0x7137_4491, 0xb5c0_fbcf, 0xe9b5_dba5, 0x3956_c25b, 0x59f1_11f1, 0x923f_82a4,
    0xab1c_5ed5, 0xd807_aa98, 0x1283_5b01, 0x2431_85be, 0x550c_7dc3, 0x72be_5d74, 0x80de_b1fe,
    0x9bdc_06a7, 0xc19b_f174, 0xe49b_69c1, 0xefbe_4786, 0x0fc1_9dc6, 0x240c_a1cc, 0x2de9_2c6f,
    0x4a74_84aa, 0x5cb0_a9dc, 0x76f9_88da, 0x983e_5152, 0xa831_c66d, 0xb003_27c8, 0xbf59_7fc7,
    0xc6e0_0bf3, 0xd5a7_9147, 0x06ca_6351, 0x1429_2967, 0x27b7_0a85, 0x2e1b_2138, 0x4d2c_6dfc,
    0x5338_0d13, 0x650a_7354, 0x766a_0abb, 0x81c2_c92e, 0x9272_2c85, 0xa2bf_e8a1, 0xa81a_664b,
    0xc24b_8b70, 0xc76c_51a3, 0xd192_e819, 0xd699_0624, 0xf40e_3585, 0x106a_a070, 0x19a4_c116,
    0x1e37_6c08, 0x2748_774c, 0x34b0_bcb5, 0x391c_0cb3, 0x4ed8_aa4a, 0x5b9c_ca4f, 0x682e_6ff3,
    0x748f_82ee, 0x78a5_636f, 0x84c8_7814, 0x8cc7_0208, 0x90be_fffa, 0xa450_6ceb, 0xbef9_a3f7,
    0xc671_78f2,
  ]
}
