import ConcurrencyRuntime
import Testing

@Suite("SplitMix64")
struct SplitMix64Tests {
  @Test("seed 0 gives the reference sequence")
  func reference() {
    var rng = SplitMix64(seed: 0)
    #expect(rng.next() == 0xE220_A839_7B1D_CDAF)
    #expect(rng.next() == 0x6E78_9E6A_A1B9_65F4)
    #expect(rng.next() == 0x06C4_5D18_8009_454F)
  }

  @Test("bounded draws stay in range and cover it")
  func bounded() {
    var rng = SplitMix64(seed: 3)
    let draws = (0..<1000).map { _ in rng.next(below: 6) }
    #expect(draws.allSatisfy { $0 < 6 })
    #expect(Set(draws).count == 6)
    #expect(rng.next(below: 0) == 0)
  }

  @Test("FNV-1a matches its published test vectors")
  func fnv() {
    #expect(SplitMix64.fnv1a([]) == 0xCBF2_9CE4_8422_2325)
    #expect(SplitMix64.fnv1a(Array("a".utf8)) == 0xAF63_DC4C_8601_EC8C)
    #expect(SplitMix64.fnv1a(Array("foobar".utf8)) == 0x8594_4171_F739_67E8)
  }
}
