import Testing

@testable import Flags

@Suite("FlagPalette")
struct FlagPaletteTests {
  @Test("each colour is followed by its 70% shade")
  func shades() {
    #expect(FlagPalette.colors.count == 2 * FlagPalette.base.count)
    for (index, color) in FlagPalette.base.enumerated() {
      #expect(FlagPalette.colors[2 * index] == color)
      #expect(FlagPalette.colors[2 * index + 1].red == UInt8(Int(color.red) * 70 / 100))
    }
  }

  @Test("white and black are where the lettering expects them")
  func ink() {
    #expect(FlagPalette.base[FlagPalette.white] == .white)
    #expect(FlagPalette.isDark(FlagPalette.black))
    #expect(!FlagPalette.isDark(FlagPalette.white))
    #expect(FlagPalette.isDark(-1))
  }
}
