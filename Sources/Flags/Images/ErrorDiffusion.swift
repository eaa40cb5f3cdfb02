/// Floyd–Steinberg error diffusion of a flag's cloth shading, one row at a time, in integers.
///
/// Every pixel wants a shade between 0 (its flat colour) and 255 (its darker palette entry)
/// and gets one or the other; what it got wrong is passed on to the pixels not yet drawn:
/// 7/16 to the right, 3/16 below left, 5/16 below and 1/16 below right, each share truncated
/// toward zero. Shares that would leave the image are dropped.
///
/// This is the hot loop of every generated flag (a mock download of `-e` shades 194 flags,
/// some 17 million pixels), so it carries the error to the right in a register and keeps a
/// single row of errors: the error a pixel of the next row inherits is written back over a
/// slot of the current row that has already been read.
struct ErrorDiffusion {
  /// The wanted shade at each phase of a fold; a pixel's phase is `(2x + y) mod shades.count`.
  private let shades: [Int]
  /// `errors[x + 1]` is what pixel `x` of the row being drawn inherits from the row above;
  /// `errors[0]` is a guard cell for the share that would fall off the left edge.
  private var errors: [Int]

  /// A diffusion over rows of `width` pixels with the wanted `shades` of one fold.
  ///
  /// With no `shades`, ``shade(row:colours:into:)`` draws nothing.
  init(width: Int, shades: [Int]) {
    self.shades = shades
    self.errors = [Int](repeating: 0, count: width + 1)
  }

  /// Draws row `y`: each pixel becomes its entry of `colours` (an even palette index), plus
  /// one where the cloth is shaded. Rows must come in order, starting at 0.
  ///
  /// `colours` and `out` hold exactly one row each.
  mutating func shade(
    row y: Int, colours: UnsafeBufferPointer<UInt8>, into out: UnsafeMutableBufferPointer<UInt8>
  ) {
    let width = min(colours.count, out.count, errors.count - 1)
    let period = shades.count
    guard width > 0, period > 0 else { return }
    // The phase moves two steps per pixel, wrapping at the period (at most once, even for a
    // period of 1 or 2).
    let step = 2 % period
    shades.withUnsafeBufferPointer { shades in
      errors.withUnsafeMutableBufferPointer { errors in
        var phase = y % period
        // The 7/16 share of the pixel to the left, and the errors of the two pixels before.
        var carry = 0
        var left = 0
        var farLeft = 0
        var x = 0
        while x < width {
          let wanted = shades[phase] + errors[x + 1] + carry
          phase += step
          if phase >= period { phase -= period }
          let shaded = wanted >= 128
          let error = wanted - (shaded ? 255 : 0)
          carry = error * 7 / 16
          // Everything pixel x - 1 of the next row inherits is known now; its slot was read.
          errors[x] = farLeft / 16 + left * 5 / 16 + error * 3 / 16
          farLeft = left
          left = error
          out[x] = colours[x] | (shaded ? 1 : 0)
          x += 1
        }
        errors[width] = farLeft / 16 + left * 5 / 16
      }
    }
  }
}
