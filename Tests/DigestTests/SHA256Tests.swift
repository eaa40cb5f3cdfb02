import Digest
import Testing

@Suite("SHA256")
struct SHA256Tests {
  /// The examples of FIPS 180-4 (NIST's "SHA256.pdf" and "SHA2_Additional.pdf") and the
  /// classic long messages.
  static let knownAnswers: [(String, [UInt8], String)] = [
    ("empty", [], "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
    ("abc", Array("abc".utf8), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
    (
      "448 bits", Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8),
      "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
    ),
    (
      "896 bits",
      Array(
        ("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopq"
          + "klmnopqrlmnopqrsmnopqrstnopqrstu").utf8),
      "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"
    ),
    ("one byte 0xbd", [0xbd], "68325720aabd7c82f30f554b313d0570c95accbb7dc4b5aae11204c08ffe732b"),
    (
      "four bytes", [0xc9, 0x8c, 0x8e, 0x55],
      "7abc22c0ae5af26ce93dbb94433a0e0b2e119d014f8e7f65bd56c61ccccd9504"
    ),
    (
      "a million 'a's", [UInt8](repeating: 0x61, count: 1_000_000),
      "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"
    ),
    (
      "1000 zero bytes", [UInt8](repeating: 0, count: 1000),
      "541b3e9daa09b20bf85fa273e5cbd3e80185aa4ec298e765db87742b70138a53"
    ),
  ]

  @Test("the standard's known answers", arguments: 0..<knownAnswers.count)
  func knownAnswer(index: Int) {
    let (name, message, digest) = Self.knownAnswers[index]
    #expect(SHA256.hexDigest(of: message) == digest, "\(name)")
  }

  @Test("feeding the bytes in pieces of any size gives the same digest")
  func pieces() {
    let message = (0..<1000).map { UInt8(truncatingIfNeeded: $0 &* 7) }
    let whole = SHA256.digest(of: message)
    for size in [1, 3, 55, 56, 63, 64, 65, 200] {
      var hasher = SHA256()
      var offset = 0
      while offset < message.count {
        hasher.update(Array(message[offset..<min(offset + size, message.count)]))
        offset += size
      }
      #expect(hasher.finalize() == whole, "pieces of \(size)")
    }
  }

  @Test("hex is two lowercase digits per byte")
  func hex() {
    #expect(SHA256.hex([0x00, 0x0f, 0xa0, 0xff]) == "000fa0ff")
  }
}
