/// How many columns of a terminal a text takes, counting East Asian wide characters (Hangul,
/// CJK, full-width forms) as two columns, as terminals draw them.
///
/// `String.count` counts characters, which is right for English and wrong for Korean: a line
/// of 40 Hangul syllables fills all 80 columns. The rules are those of `wcwidth`:
///
/// - a scalar whose Unicode East_Asian_Width is W (wide) or F (full-width) takes two columns:
///   Hangul Jamo initials (U+1100–115F), Hangul Syllables (U+AC00–D7A3), CJK ideographs and
///   punctuation, kana, full-width forms (U+FF00–FF60, U+FFE0–FFE6), wide emoji;
/// - combining marks, format characters (such as U+200B, the zero-width space), variation
///   selectors and the Hangul vowels and finals that join a preceding initial
///   (U+1160–11FF, U+D7B0–D7FF) take none; so do control characters;
/// - a tab moves to the next stop of 8 columns;
/// - everything else takes one.
///
/// The wide ranges are Unicode 14's (`EastAsianWidth.txt`, the assigned W and F characters,
/// and the whole of planes 2 and 3).
///
///     DisplayWidth.columns(of: "loiter")        // 6
///     DisplayWidth.columns(of: "Executor.map 실험하기")   // 21
///     DisplayWidth.columns(of: "\tx")           // 9
public enum DisplayWidth {
  /// Columns that `line` takes from the left margin; a newline starts the count again, so
  /// for a text of several lines this is the widest line's.
  ///
  ///     DisplayWidth.columns(of: "한국어")   // 6
  public static func columns<Text: StringProtocol>(of line: Text) -> Int {
    var widest = 0
    var column = 0
    for scalar in line.unicodeScalars {
      if scalar == "\n" {
        column = 0
      } else if scalar == "\t" {
        column += 8 - column % 8
      } else {
        column += columns(of: scalar)
      }
      widest = max(widest, column)
    }
    return widest
  }

  /// Columns one scalar takes outside a tab: 0, 1 or 2.
  ///
  ///     DisplayWidth.columns(of: "가" as Unicode.Scalar)   // 2
  public static func columns(of scalar: Unicode.Scalar) -> Int {
    if isWide(scalar) { return 2 }
    if isZeroWidth(scalar) { return 0 }
    return 1
  }

  /// Whether `scalar` is East Asian wide or full-width.
  ///
  ///     DisplayWidth.isWide("Ａ")   // true (U+FF21, full-width A)
  public static func isWide(_ scalar: Unicode.Scalar) -> Bool {
    let value = scalar.value
    guard value >= wide[0].lowerBound else { return false }
    var low = 0
    var high = wide.count - 1
    while low <= high {
      let middle = (low + high) / 2
      if wide[middle].upperBound < value {
        low = middle + 1
      } else if wide[middle].lowerBound > value {
        high = middle - 1
      } else {
        return true
      }
    }
    return false
  }

  /// Whether `scalar` draws nothing of its own: a control, a combining mark, a format
  /// character, or a Hangul vowel or final joining the syllable before it.
  static func isZeroWidth(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x1160...0x11FF, 0xD7B0...0xD7FF: return true
    default: break
    }
    switch scalar.properties.generalCategory {
    case .control, .nonspacingMark, .enclosingMark, .format: return true
    default: return false
    }
  }

  /// The East Asian wide and full-width ranges, sorted, for a binary search.
  private static let wide: [ClosedRange<UInt32>] = [
    0x1100...0x115F, 0x231A...0x231B, 0x2329...0x232A, 0x23E9...0x23EC, 0x23F0...0x23F0,
    0x23F3...0x23F3, 0x25FD...0x25FE, 0x2614...0x2615, 0x2648...0x2653, 0x267F...0x267F,
    0x2693...0x2693, 0x26A1...0x26A1, 0x26AA...0x26AB, 0x26BD...0x26BE, 0x26C4...0x26C5,
    0x26CE...0x26CE, 0x26D4...0x26D4, 0x26EA...0x26EA, 0x26F2...0x26F3, 0x26F5...0x26F5,
    0x26FA...0x26FA, 0x26FD...0x26FD, 0x2705...0x2705, 0x270A...0x270B, 0x2728...0x2728,
    0x274C...0x274C, 0x274E...0x274E, 0x2753...0x2755, 0x2757...0x2757, 0x2795...0x2797,
    0x27B0...0x27B0, 0x27BF...0x27BF, 0x2B1B...0x2B1C, 0x2B50...0x2B50, 0x2B55...0x2B55,
    0x2E80...0x303E, 0x3041...0x3247, 0x3250...0x4DBF, 0x4E00...0xA4C6, 0xA960...0xA97C,
    0xAC00...0xD7A3, 0xF900...0xFAD9, 0xFE10...0xFE19, 0xFE30...0xFE6B, 0xFF00...0xFF60,
    0xFFE0...0xFFE6, 0x16FE0...0x1B2FB, 0x1F004...0x1F004, 0x1F0CF...0x1F0CF,
    0x1F18E...0x1F18E, 0x1F191...0x1F19A, 0x1F200...0x1F320, 0x1F32D...0x1F335,
    0x1F337...0x1F37C, 0x1F37E...0x1F393, 0x1F3A0...0x1F3CA, 0x1F3CF...0x1F3D3,
    0x1F3E0...0x1F3F0, 0x1F3F4...0x1F3F4, 0x1F3F8...0x1F43E, 0x1F440...0x1F440,
    0x1F442...0x1F4FC, 0x1F4FF...0x1F53D, 0x1F54B...0x1F54E, 0x1F550...0x1F567,
    0x1F57A...0x1F57A, 0x1F595...0x1F596, 0x1F5A4...0x1F5A4, 0x1F5FB...0x1F64F,
    0x1F680...0x1F6C5, 0x1F6CC...0x1F6CC, 0x1F6D0...0x1F6D2, 0x1F6D5...0x1F6DF,
    0x1F6EB...0x1F6EC, 0x1F6F4...0x1F6FC, 0x1F7E0...0x1F7F0, 0x1F90C...0x1F93A,
    0x1F93C...0x1F945, 0x1F947...0x1F9FF, 0x1FA70...0x1FAF6, 0x20000...0x3FFFD,
  ]
}
