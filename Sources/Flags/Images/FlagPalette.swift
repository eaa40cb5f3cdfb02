/// The colours flags are painted with: twelve flag colours, each followed by its shade.
///
/// Palette index `2 * i` is ``base``[i] and `2 * i + 1` is the same colour darkened to
/// 70 %, used for the folds of the cloth. Twenty-four entries, padded to 32 by the GIF
/// encoder.
enum FlagPalette {
  /// The twelve flag colours, in palette order.
  static let base: [GIFEncoder.Color] = [
    .init(200, 16, 46),  // red
    .init(255, 255, 255),  // white
    .init(0, 56, 147),  // blue
    .init(0, 122, 61),  // green
    .init(252, 209, 22),  // yellow
    .init(24, 24, 24),  // black
    .init(255, 130, 0),  // orange
    .init(92, 155, 213),  // sky blue
    .init(128, 0, 32),  // maroon
    .init(0, 84, 48),  // dark green
    .init(0, 36, 84),  // navy
    .init(190, 150, 40),  // gold
  ]

  /// Index of white in ``base``.
  static let white = 1
  /// Index of black in ``base``.
  static let black = 5

  /// The full palette: each base colour followed by its shade.
  static let colors: [GIFEncoder.Color] = base.flatMap { color in
    [color, .init(shaded(color.red), shaded(color.green), shaded(color.blue))]
  }

  /// Whether white lettering reads better than black on base colour `index`.
  ///
  /// Uses integer Rec. 601 luma; out-of-range indices count as dark.
  static func isDark(_ index: Int) -> Bool {
    guard base.indices.contains(index) else { return true }
    let color = base[index]
    let luma = 299 * Int(color.red) + 587 * Int(color.green) + 114 * Int(color.blue)
    return luma < 140_000
  }

  private static func shaded(_ component: UInt8) -> UInt8 {
    UInt8(Int(component) * 70 / 100)
  }
}
