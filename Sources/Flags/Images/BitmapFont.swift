/// A 5×7 pixel font for the capital letters A–Z, used to letter each flag with its code.
///
/// Each glyph is seven rows of five columns; `#` is ink. Letters outside A–Z draw as a
/// filled box so that a bad code is visible rather than silently blank.
enum BitmapFont {
  /// Glyph width in font pixels.
  static let width = 5
  /// Glyph height in font pixels.
  static let height = 7

  /// Whether the font pixel at (`column`, `row`) of `letter` is ink.
  ///
  /// Out-of-range coordinates are never ink.
  static func isInk(_ letter: UInt8, column: Int, row: Int) -> Bool {
    guard (0..<width).contains(column), (0..<height).contains(row) else { return false }
    guard letter >= UInt8(ascii: "A"), letter <= UInt8(ascii: "Z") else { return true }
    let glyph = glyphs[Int(letter - UInt8(ascii: "A"))]
    return glyph[row] & (1 << (width - 1 - column)) != 0
  }

  /// The glyphs as bit rows, built once from the readable drawings below.
  private static let glyphs: [[UInt8]] = drawings.map { drawing in
    drawing.split(separator: " ").map { row in
      row.reduce(UInt8(0)) { ($0 << 1) | ($1 == "#" ? 1 : 0) }
    }
  }

  private static let drawings: [String] = [
    ".###. #...# #...# ##### #...# #...# #...#",  // A
    "####. #...# #...# ####. #...# #...# ####.",  // B
    ".###. #...# #.... #.... #.... #...# .###.",  // C
    "####. #...# #...# #...# #...# #...# ####.",  // D
    "##### #.... #.... ####. #.... #.... #####",  // E
    "##### #.... #.... ####. #.... #.... #....",  // F
    ".###. #...# #.... #.### #...# #...# .####",  // G
    "#...# #...# #...# ##### #...# #...# #...#",  // H
    ".###. ..#.. ..#.. ..#.. ..#.. ..#.. .###.",  // I
    "..### ...#. ...#. ...#. ...#. #..#. .##..",  // J
    "#...# #..#. #.#.. ##... #.#.. #..#. #...#",  // K
    "#.... #.... #.... #.... #.... #.... #####",  // L
    "#...# ##.## #.#.# #.#.# #...# #...# #...#",  // M
    "#...# #...# ##..# #.#.# #..## #...# #...#",  // N
    ".###. #...# #...# #...# #...# #...# .###.",  // O
    "####. #...# #...# ####. #.... #.... #....",  // P
    ".###. #...# #...# #...# #.#.# #..#. .##.#",  // Q
    "####. #...# #...# ####. #.#.. #..#. #...#",  // R
    ".#### #.... #.... .###. ....# ....# ####.",  // S
    "##### ..#.. ..#.. ..#.. ..#.. ..#.. ..#..",  // T
    "#...# #...# #...# #...# #...# #...# .###.",  // U
    "#...# #...# #...# #...# #...# .#.#. ..#..",  // V
    "#...# #...# #...# #.#.# #.#.# #.#.# .#.#.",  // W
    "#...# #...# .#.#. ..#.. .#.#. #...# #...#",  // X
    "#...# #...# .#.#. ..#.. ..#.. ..#.. ..#..",  // Y
    "##### ....# ...#. ..#.. .#... #.... #####",  // Z
  ]
}
