import ConcurrencyRuntime

/// The deterministic look of one country's flag: layout, colours, size and cloth shading.
///
/// Every choice is drawn from a ``SplitMix64`` seeded with the code's FNV-1a hash, so a
/// code always gets the same flag. The pictures are invented, not the real flags: three
/// bands (horizontal, vertical, a hoist triangle or a Nordic cross), the code lettered in
/// the middle, and a diagonal "waving cloth" shading dithered with error diffusion. The
/// dithering is what gives the files the book's sizes (a few KB to a few tens of KB):
/// flat colour alone would compress to a few hundred bytes.
struct FlagDesign {
  /// How the three colours are laid out.
  enum Layout: CaseIterable {
    case horizontal, vertical, hoistTriangle, nordicCross
  }

  /// Image width in pixels.
  let width: Int
  /// Image height in pixels.
  let height: Int
  /// How the bands are arranged.
  let layout: Layout
  /// Three band colours, as indices into ``FlagPalette/base``.
  let bands: [Int]
  /// The lettering colour, chosen to contrast with the middle band.
  let ink: Int
  /// The two ASCII capital letters drawn in the middle.
  let letters: [UInt8]
  /// Length of one fold of the cloth, in pixels along the diagonal.
  let foldPeriod: Int
  /// Shade strength at the bottom of a fold, 0–255.
  let foldDepth: Int
  /// How much of each fold stays unshaded, 0–255 (more means smaller files).
  let foldFlat: Int

  /// The design for `code`; any string works, unknown codes included.
  ///
  /// Letters outside A–Z are kept as they are and drawn as boxes by the font.
  init(code: String) {
    let upper = Array(code.uppercased().utf8)
    letters =
      upper.count >= 2
      ? Array(upper.prefix(2)) : upper + [UInt8](repeating: 63, count: 2 - upper.count)
    var rng = SplitMix64(seed: SplitMix64.fnv1a(upper))
    width = 240 + 30 * Int(rng.next(below: 10))
    let ratio = [50, 60, 67, 67][Int(rng.next(below: 4))]
    height = width * ratio / 100
    layout = Layout.allCases[Int(rng.next(below: UInt64(Layout.allCases.count)))]
    let count = UInt64(FlagPalette.base.count)
    let first = Int(rng.next(below: count))
    let second = (first + 1 + Int(rng.next(below: count - 1))) % Int(count)
    var third = (second + 1 + Int(rng.next(below: count - 1))) % Int(count)
    // Two-colour flags (first == third) are fine, but only half the time.
    while third == first && rng.next(below: 2) == 0 || third == second {
      third = (third + 1) % Int(count)
    }
    bands = [first, second, third]
    foldPeriod = 48 + 8 * Int(rng.next(below: 10))
    foldDepth = 128 + Int(rng.next(below: 128))
    let centre = Self.band(
      x: width / 2, y: height / 2, layout: layout, bands: bands, width: width, height: height)
    ink = FlagPalette.isDark(centre) ? FlagPalette.white : FlagPalette.black
    foldFlat = Int(rng.next(below: 150))
  }

  /// The band colour index (into ``FlagPalette/base``) of pixel (`x`, `y`) before lettering.
  ///
  /// Coordinates outside the image are clamped by the arithmetic, never trapped on.
  func band(x: Int, y: Int) -> Int {
    Self.band(x: x, y: y, layout: layout, bands: bands, width: width, height: height)
  }

  /// ``band(x:y:)`` for a design still being built.
  ///
  /// Static so that the initialiser can pick a lettering colour from the centre band.
  static func band(
    x: Int, y: Int, layout: Layout, bands: [Int], width: Int, height: Int
  ) -> Int {
    switch layout {
    case .horizontal:
      return bands[min(2, y * 3 / height)]
    case .vertical:
      return bands[min(2, x * 3 / width)]
    case .hoistTriangle:
      let reach = (height / 2 - abs(y - height / 2)) * 6 / 5
      if x < reach { return bands[0] }
      return y < height / 2 ? bands[1] : bands[2]
    case .nordicCross:
      let crossX = width * 3 / 8
      let crossY = height / 2
      let outer = max(height / 5, 6)
      let inner = max(outer / 2, 2)
      let dx = abs(x - crossX)
      let dy = abs(y - crossY)
      if dx < inner / 2 || dy < inner / 2 { return bands[2] }
      if dx < outer / 2 || dy < outer / 2 { return bands[1] }
      return bands[0]
    }
  }

  /// The palette index of every pixel, row by row, ready for ``GIFEncoder``.
  ///
  /// Base colours sit at even palette indices and their shades at the next odd one; the
  /// shading picks between them with Floyd–Steinberg error diffusion in integers (see
  /// ``ErrorDiffusion``), so the bytes never depend on floating point.
  func render() -> [UInt8] {
    var pixels = [UInt8](repeating: 0, count: width * height)
    var row = [UInt8](repeating: 0, count: width)
    var diffusion = ErrorDiffusion(width: width, shades: (0..<foldPeriod).map(shade(phase:)))
    pixels.withUnsafeMutableBufferPointer { out in
      row.withUnsafeMutableBufferPointer { row in
        for y in 0..<height {
          paint(row: y, into: row)
          let start = y * width
          diffusion.shade(
            row: y, colours: UnsafeBufferPointer(row),
            into: UnsafeMutableBufferPointer(rebasing: out[start..<start + width]))
        }
      }
    }
    return pixels
  }

  /// Writes row `y` before shading into `row`: ``band(x:y:)`` of each pixel, lettered, as even
  /// palette indices.
  private func paint(row y: Int, into row: UnsafeMutableBufferPointer<UInt8>) {
    paintBands(row: y, into: row)
    letter(row: y, into: row)
  }

  /// Writes ``band(x:y:)`` of each pixel of row `y` into `row`, as even palette indices.
  ///
  /// A run of pixels at a time rather than pixel by pixel: every layout is at most five runs
  /// per row. `FlagDesignTests` checks that the two agree on every pixel.
  func paintBands(row y: Int, into row: UnsafeMutableBufferPointer<UInt8>) {
    func fill(_ from: Int, _ to: Int, _ band: Int) {
      let lower = min(max(from, 0), row.count)
      let upper = min(max(to, lower), row.count)
      guard lower < upper else { return }
      UnsafeMutableBufferPointer(rebasing: row[lower..<upper])
        .update(repeating: UInt8(truncatingIfNeeded: 2 * band))
    }
    switch layout {
    case .horizontal:
      fill(0, width, bands[min(2, y * 3 / height)])
    case .vertical:
      // x * 3 / width reaches 1 at x = ceil(width / 3) and 2 at x = ceil(2 * width / 3).
      let second = (width + 2) / 3
      let third = (2 * width + 2) / 3
      fill(0, second, bands[0])
      fill(second, third, bands[1])
      fill(third, width, bands[2])
    case .hoistTriangle:
      let reach = (height / 2 - abs(y - height / 2)) * 6 / 5
      fill(0, reach, bands[0])
      fill(reach, width, y < height / 2 ? bands[1] : bands[2])
    case .nordicCross:
      let crossX = width * 3 / 8
      let outer = max(height / 5, 6)
      let inner = max(outer / 2, 2)
      let dy = abs(y - height / 2)
      // dx < k holds for crossX - k < x < crossX + k.
      if dy < inner / 2 {
        fill(0, width, bands[2])
      } else if dy < outer / 2 {
        fill(0, width, bands[1])
        fill(crossX - inner / 2 + 1, crossX + inner / 2, bands[2])
      } else {
        fill(0, width, bands[0])
        fill(crossX - outer / 2 + 1, crossX + outer / 2, bands[1])
        fill(crossX - inner / 2 + 1, crossX + inner / 2, bands[2])
      }
    }
  }

  /// Paints the part of the two letters that falls on row `y`, centred, in ``ink``.
  private func letter(row y: Int, into row: UnsafeMutableBufferPointer<UInt8>) {
    let scale = max(2, height / 36)
    let textWidth = (BitmapFont.width * 2 + 1) * scale
    let textHeight = BitmapFont.height * scale
    let textX = (width - textWidth) / 2
    let ty = y - (height - textHeight) / 2
    guard ty >= 0, ty < textHeight else { return }
    for tx in 0..<textWidth {
      let column = tx / scale
      let glyph = column / (BitmapFont.width + 1)
      let inGlyph = column % (BitmapFont.width + 1)
      if glyph < letters.count, textX + tx >= 0, textX + tx < row.count,
        BitmapFont.isInk(letters[glyph], column: inGlyph, row: ty / scale)
      {
        row[textX + tx] = UInt8(truncatingIfNeeded: 2 * ink)
      }
    }
  }

  /// How strongly pixel (`x`, `y`) is shaded, 0 (flat) to ``foldDepth``.
  ///
  /// Folds run along the diagonal: the shade depends only on `(2x + y) mod foldPeriod`.
  func shade(x: Int, y: Int) -> Int {
    shade(phase: (2 * x + y) % foldPeriod)
  }

  /// The shade at `phase` (0..<foldPeriod) of a fold.
  ///
  /// A triangle wave, clipped so that part of each fold stays flat.
  func shade(phase: Int) -> Int {
    let triangle = abs(2 * phase - foldPeriod) * 256 / foldPeriod  // 0...256
    let above = triangle - foldFlat
    guard above > 0 else { return 0 }
    return above * foldDepth / max(1, 256 - foldFlat)
  }
}
