import Testing

@testable import Flags

@Suite("BitmapFont")
struct BitmapFontTests {
  private func drawing(_ letter: Character) -> String {
    (0..<BitmapFont.height).map { row in
      String(
        (0..<BitmapFont.width).map { column in
          BitmapFont.isInk(letter.asciiValue ?? 0, column: column, row: row) ? "#" : "."
        })
    }.joined(separator: " ")
  }

  @Test("letters are drawn as designed")
  func letters() {
    #expect(drawing("A") == ".###. #...# #...# ##### #...# #...# #...#")
    #expect(drawing("Z") == "##### ....# ...#. ..#.. .#... #.... #####")
  }

  @Test("all 26 glyphs are distinct and non-empty")
  func distinct() {
    let all = "ABCDEFGHIJKLMNOPQRSTUVWXYZ".map(drawing)
    #expect(Set(all).count == 26)
    #expect(all.allSatisfy { $0.contains("#") })
  }

  @Test("other bytes are a box and coordinates outside the glyph are blank")
  func outside() {
    #expect(drawing("?") == Array(repeating: "#####", count: 7).joined(separator: " "))
    #expect(!BitmapFont.isInk(65, column: -1, row: 0))
    #expect(!BitmapFont.isInk(65, column: 0, row: 7))
  }
}
