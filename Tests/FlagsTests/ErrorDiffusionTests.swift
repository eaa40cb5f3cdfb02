import ConcurrencyRuntime
import Testing

@testable import Flags

@Suite("ErrorDiffusion")
struct ErrorDiffusionTests {
  /// Textbook Floyd–Steinberg with a current and a next row of errors, as the flags were first
  /// drawn: the single-row loop must give exactly these pixels.
  private func reference(width: Int, height: Int, shades: [Int], colours: [UInt8]) -> [UInt8] {
    var pixels = [UInt8](repeating: 0, count: width * height)
    var here = [Int](repeating: 0, count: width + 2)
    var next = [Int](repeating: 0, count: width + 2)
    for y in 0..<height {
      for x in 0..<width {
        let wanted = shades[(2 * x + y) % shades.count] + here[x + 1]
        let shaded = wanted >= 128
        let error = wanted - (shaded ? 255 : 0)
        here[x + 2] += error * 7 / 16
        next[x] += error * 3 / 16
        next[x + 1] += error * 5 / 16
        next[x + 2] += error / 16
        pixels[y * width + x] = colours[x] | (shaded ? 1 : 0)
      }
      here = next
      next = [Int](repeating: 0, count: width + 2)
    }
    return pixels
  }

  private func diffused(width: Int, height: Int, shades: [Int], colours: [UInt8]) -> [UInt8] {
    var diffusion = ErrorDiffusion(width: width, shades: shades)
    var pixels = [UInt8](repeating: 0, count: width * height)
    colours.withUnsafeBufferPointer { colours in
      pixels.withUnsafeMutableBufferPointer { out in
        for y in 0..<height {
          diffusion.shade(
            row: y, colours: colours,
            into: UnsafeMutableBufferPointer(rebasing: out[y * width..<(y + 1) * width]))
        }
      }
    }
    return pixels
  }

  /// Where `ours` first differs from the textbook pixels, as a short message, or `nil`.
  private func firstDifference(width: Int, height: Int, shades: [Int], colours: [UInt8])
    -> String?
  {
    let ours = diffused(width: width, height: height, shades: shades, colours: colours)
    let expected = reference(width: width, height: height, shades: shades, colours: colours)
    guard let index = ours.indices.first(where: { ours[$0] != expected[$0] }) else { return nil }
    return "\(width)x\(height), period \(shades.count): pixel (\(index % width), "
      + "\(index / width)) is \(ours[index]), not \(expected[index])"
  }

  @Test("random shades, sizes and periods give exactly the textbook pixels")
  func matchesReference() {
    var rng = SplitMix64(seed: 17)
    for trial in 0..<300 {
      let width = 1 + Int(rng.next(below: 60))
      let height = 1 + Int(rng.next(below: 12))
      let shades = (0...Int(rng.next(below: 20))).map { _ in Int(rng.next(below: 256)) }
      let colours = (0..<width).map { _ in UInt8(2 * rng.next(below: 12)) }
      let difference = firstDifference(
        width: width, height: height, shades: shades, colours: colours)
      #expect(difference == nil, "trial \(trial)")
    }
  }

  @Test("flat, full and mid-grey shading at flag size match the textbook pixels")
  func extremes() {
    let colours = (0..<300).map { UInt8(2 * ($0 / 100)) }
    for shades in [[0], [255], [127, 128], [128, 127, 0, 255], Array(0...255)] {
      let difference = firstDifference(width: 300, height: 40, shades: shades, colours: colours)
      #expect(difference == nil)
    }
  }

  @Test("with no shades nothing is drawn and nothing traps")
  func empty() {
    let pixels = diffused(width: 4, height: 2, shades: [], colours: [2, 2, 2, 2])
    #expect(pixels == [UInt8](repeating: 0, count: 8))
  }
}
