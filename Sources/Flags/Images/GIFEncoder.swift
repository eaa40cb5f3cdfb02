import Foundation

/// Writes single-frame GIF89a files from palette-indexed pixels.
///
/// The output is deterministic: the same image always gives the same bytes. Only what a
/// flag needs is supported — one frame, a global colour table, no transparency, no
/// interlacing.
///
///     let data = GIFEncoder.encode(
///       width: 2, height: 1, palette: [.black, .white], pixels: [0, 1])
///     data.prefix(6)   // "GIF89a"
///     data.last        // 0x3B
enum GIFEncoder {
  /// An opaque 24-bit colour.
  ///
  /// GIF colour tables hold exactly these three bytes per entry.
  struct Color: Equatable, Hashable, Sendable {
    /// Red, 0–255.
    ///
    /// Written first in each colour-table entry.
    var red: UInt8
    /// Green, 0–255.
    ///
    /// Written second in each colour-table entry.
    var green: UInt8
    /// Blue, 0–255.
    ///
    /// Written third in each colour-table entry.
    var blue: UInt8

    /// Creates a colour from its three components.
    ///
    /// Components are bytes, so every value is valid.
    init(_ red: UInt8, _ green: UInt8, _ blue: UInt8) {
      self.red = red
      self.green = green
      self.blue = blue
    }

    /// Pure black.
    ///
    /// Handy for tests and padding.
    static let black = Color(0, 0, 0)
    /// Pure white.
    ///
    /// Handy for tests and padding.
    static let white = Color(255, 255, 255)
  }

  /// Encodes an image as a complete GIF89a file.
  ///
  /// `pixels` holds `width * height` palette indices, row by row; missing pixels are
  /// filled with index 0 and extra ones ignored. The palette is padded with black to a
  /// power of two (at least 4 entries) and truncated at 256 entries; indices beyond it
  /// are masked. Sizes are clamped to 1...65535.
  static func encode(
    width: Int, height: Int, palette: [Color], pixels: [UInt8]
  ) -> Data {
    let width = min(max(width, 1), 65535)
    let height = min(max(height, 1), 65535)
    var bits = 2
    while (1 << bits) < palette.count && bits < 8 { bits += 1 }
    let tableSize = 1 << bits
    var table = Array(palette.prefix(tableSize))
    table += Array(repeating: .black, count: tableSize - table.count)

    var image = Array(pixels.prefix(width * height))
    if image.count < width * height {
      image += Array(repeating: 0, count: width * height - image.count)
    }

    var out: [UInt8] = Array("GIF89a".utf8)
    // Logical screen descriptor: size, global table flag | colour resolution | table size.
    out += littleEndian(width) + littleEndian(height)
    out.append(0x80 | UInt8((bits - 1) << 4) | UInt8(bits - 1))
    out += [0, 0]  // background colour index, pixel aspect ratio
    for color in table { out += [color.red, color.green, color.blue] }
    // Image descriptor: position (0, 0), full size, no local table, not interlaced.
    out.append(0x2C)
    out += littleEndian(0) + littleEndian(0) + littleEndian(width) + littleEndian(height)
    out.append(0)
    out.append(UInt8(bits))
    let compressed = LZWEncoder(minimumCodeSize: bits).encode(image)
    var start = 0
    while start < compressed.count {
      let end = min(start + 255, compressed.count)
      out.append(UInt8(end - start))
      out += compressed[start..<end]
      start = end
    }
    out.append(0)  // block terminator
    out.append(0x3B)  // trailer
    return Data(out)
  }

  private static func littleEndian(_ value: Int) -> [UInt8] {
    [UInt8(truncatingIfNeeded: value), UInt8(truncatingIfNeeded: value >> 8)]
  }
}
