import ConcurrencyRuntime
import Foundation
import Testing

@testable import Flags

@Suite("FlagImage")
struct FlagImageTests {
  @Test("every flag is a GIF89a file between 1 KB and 40 KB, mean 5-20 KB")
  func sizes() {
    var total = 0
    for code in Countries.available {
      let data = FlagImage.gif(for: code)
      #expect(data.prefix(6) == Data("GIF89a".utf8), "\(code)")
      #expect(data.last == 0x3B, "\(code)")
      #expect((1_000...40_000).contains(data.count), "\(code): \(data.count) bytes")
      total += data.count
    }
    let mean = total / Countries.available.count
    #expect((5_000...20_000).contains(mean), "mean \(mean)")
  }

  @Test("flags decode to the designed pixels", arguments: ["AD", "BR", "CN", "SE", "US", "ZW"])
  func decodes(code: String) throws {
    let design = FlagDesign(code: code)
    let image = try GIFDecoder.decode(FlagImage.gif(for: code))
    #expect(image.width == design.width && image.height == design.height)
    #expect(image.pixels == design.render())
    let expected = FlagPalette.colors.map { [$0.red, $0.green, $0.blue] }
    #expect(Array(image.palette.prefix(expected.count)) == expected)
  }

  @Test("the bytes are the same on every call and differ between countries")
  func deterministic() {
    let fresh = GIFEncoder.encode(
      width: FlagDesign(code: "JP").width, height: FlagDesign(code: "JP").height,
      palette: FlagPalette.colors, pixels: FlagDesign(code: "JP").render())
    #expect(FlagImage.gif(for: "JP") == fresh)
    #expect(FlagImage.gif(for: "jp") == fresh)
    let all = Set(Countries.available.map { FlagImage.gif(for: $0) })
    #expect(all.count == 194)
  }

  @Test("the pictures are the bytes they have always been")
  func pinned() {
    var all = Data()
    for code in Countries.available { all.append(FlagImage.gif(for: code)) }
    // Saved flags, and what the mock and the real server send, are these bytes: re-pin only
    // when the pictures are meant to change.
    #expect(all.count == 1_870_173)
    #expect(SplitMix64.fnv1a(all) == 0x33E6_3160_1ED0_36DD)
  }

  @Test("metadata is served for available codes only")
  func metadata() {
    #expect(FlagImage.metadata(for: "ad") == FlagMetadata(code: "AD")?.jsonData())
    #expect(FlagImage.metadata(for: "XX") == nil)
  }

  @Test("any string gets a picture without trapping")
  func oddCodes() throws {
    for code in ["", "X", "xx", "1234", "ÄÖ"] {
      let image = try GIFDecoder.decode(FlagImage.gif(for: code))
      #expect(image.width > 0)
    }
  }
}
