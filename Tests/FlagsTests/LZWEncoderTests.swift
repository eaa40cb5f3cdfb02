import ConcurrencyRuntime
import Testing

@testable import Flags

@Suite("LZWEncoder")
struct LZWEncoderTests {
  private func random(_ count: Int, bits: Int, seed: UInt64) -> [UInt8] {
    var rng = SplitMix64(seed: seed)
    return (0..<count).map { _ in UInt8(rng.next(below: UInt64(1) << UInt64(bits))) }
  }

  @Test("every length up to 700 round-trips, so every code-width boundary is hit at the end")
  func everyLength() throws {
    let source = random(700, bits: 2, seed: 1)
    for length in 0...700 {
      let pixels = Array(source.prefix(length))
      let compressed = LZWEncoder(minimumCodeSize: 2).encode(pixels)
      #expect(try GIFDecoder.lzw(compressed, minimum: 2) == pixels, "length \(length)")
    }
  }

  @Test("noise long enough to fill the dictionary many times round-trips", arguments: 2...8)
  func dictionaryResets(bits: Int) throws {
    let pixels = random(60_000, bits: bits, seed: UInt64(bits))
    let compressed = LZWEncoder(minimumCodeSize: bits).encode(pixels)
    #expect(try GIFDecoder.lzw(compressed, minimum: bits) == pixels)
  }

  @Test("long runs compress to a tiny fraction and still round-trip")
  func runs() throws {
    let pixels = [UInt8](repeating: 3, count: 100_000) + [UInt8](repeating: 1, count: 50_000)
    let compressed = LZWEncoder(minimumCodeSize: 2).encode(pixels)
    #expect(compressed.count < 2_000)
    #expect(try GIFDecoder.lzw(compressed, minimum: 2) == pixels)
  }

  @Test("the stream starts with a clear code and ends with end-of-information")
  func framing() {
    // Minimum size 2: clear = 4, end = 5, three-bit codes, LSB first.
    let compressed = LZWEncoder(minimumCodeSize: 2).encode([])
    #expect(compressed == [0b0010_1100])
  }

  @Test("pixels out of range are masked instead of trapping")
  func masking() throws {
    let compressed = LZWEncoder(minimumCodeSize: 2).encode([7, 255, 1])
    #expect(try GIFDecoder.lzw(compressed, minimum: 2) == [3, 3, 1])
  }
}
