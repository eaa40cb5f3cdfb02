import Notebook
import Testing

@Suite("DisplayWidth")
struct DisplayWidthTests {
  @Test("ASCII takes one column a character")
  func ascii() {
    #expect(DisplayWidth.columns(of: "") == 0)
    #expect(DisplayWidth.columns(of: "loiter(3): done.") == 16)
  }

  @Test("Hangul syllables, CJK ideographs and kana take two columns each")
  func wide() {
    #expect(DisplayWidth.columns(of: "한국어") == 6)
    #expect(DisplayWidth.columns(of: "Executor.map 실험하기") == 21)
    #expect(DisplayWidth.columns(of: "漢字") == 4)
    #expect(DisplayWidth.columns(of: "カナ") == 4)
    #expect(DisplayWidth.columns(of: "가") == 2)
    #expect(DisplayWidth.columns(of: "힣") == 2)
  }

  @Test("the edges of the wide ranges: Hangul Jamo, syllables, full-width forms")
  func edges() {
    let cases: [(UInt32, Int)] = [
      (0x10FF, 1), (0x1100, 2), (0x115F, 2),  // Hangul Jamo initials
      (0xABFF, 1), (0xAC00, 2), (0xD7A3, 2), (0xD7A4, 1),  // Hangul Syllables
      (0xFEFF, 0), (0xFF01, 2), (0xFF60, 2), (0xFF61, 1),  // full-width and half-width forms
      (0xFFDF, 1), (0xFFE0, 2), (0xFFE6, 2), (0xFFE8, 1),
      (0x3000, 2), (0x4E00, 2), (0x9FFF, 2), (0x20000, 2), (0x2FFFD, 2),
      (0x1F600, 2),  // an emoji
    ]
    for (value, columns) in cases {
      let scalar = Unicode.Scalar(value) ?? "?"
      #expect(
        DisplayWidth.columns(of: scalar) == columns,
        "U+\(String(value, radix: 16, uppercase: true))")
    }
  }

  @Test("combining marks, format characters and joining Hangul vowels take no column")
  func zeroWidth() {
    #expect(DisplayWidth.columns(of: "e\u{301}") == 1)  // e and a combining acute accent
    #expect(DisplayWidth.columns(of: "a\u{200B}b") == 2)  // a zero-width space
    #expect(DisplayWidth.columns(of: "\u{1100}\u{1161}") == 2)  // ᄀ + ᅡ, drawn as 가
    #expect(DisplayWidth.columns(of: "\u{1B}") == 0)
  }

  @Test("characters that are not East Asian wide take one column, box drawing included")
  func narrow() {
    #expect(DisplayWidth.columns(of: "█▏") == 2)
    #expect(DisplayWidth.columns(of: "é") == 1)
    #expect(DisplayWidth.columns(of: "—") == 1)
    #expect(!DisplayWidth.isWide("A"))
    #expect(DisplayWidth.isWide("Ａ"))
  }

  @Test("a tab moves to the next stop of 8, counted from the line's start")
  func tabs() {
    #expect(DisplayWidth.columns(of: "\tx") == 9)
    #expect(DisplayWidth.columns(of: "ab\tx") == 9)
    #expect(DisplayWidth.columns(of: "한국어\tx") == 9)
    #expect(DisplayWidth.columns(of: "12345678\tx") == 17)
  }

  @Test("a text of several lines is as wide as its widest line")
  func lines() {
    #expect(DisplayWidth.columns(of: "ab\n한국어\nc") == 6)
    #expect(DisplayWidth.columns(of: "\t\nab") == 8)
  }
}
