import Foundation

/// A small, strict GIF decoder used only to check the encoder's output.
///
/// Written from the GIF89a specification independently of `LZWEncoder`: it widens codes
/// when the next free dictionary slot reaches `1 << width` (below 12 bits), which is the
/// rule giflib and browsers use.
struct GIFDecoder {
  /// A decoded single-frame image.
  struct Image: Equatable {
    var width: Int
    var height: Int
    var palette: [[UInt8]]
    var pixels: [UInt8]
  }

  /// Why decoding failed.
  struct Failure: Error, CustomStringConvertible {
    var description: String
  }

  /// Decodes the first frame of `data`.
  static func decode(_ data: Data) throws -> Image {
    var reader = Reader(bytes: Array(data))
    guard try reader.take(6) == Array("GIF89a".utf8) else { throw Failure(description: "magic") }
    let width = try reader.u16()
    let height = try reader.u16()
    let flags = try reader.byte()
    _ = try reader.take(2)
    var palette: [[UInt8]] = []
    if flags & 0x80 != 0 {
      let count = 1 << (Int(flags & 7) + 1)
      for _ in 0..<count { palette.append(try reader.take(3)) }
    }
    while true {
      let introducer = try reader.byte()
      if introducer == 0x21 {
        _ = try reader.byte()
        _ = try reader.subBlocks()
        continue
      }
      guard introducer == 0x2C else { throw Failure(description: "block \(introducer)") }
      _ = try reader.take(4)
      let frameWidth = try reader.u16()
      let frameHeight = try reader.u16()
      guard try reader.byte() & 0x80 == 0 else { throw Failure(description: "local table") }
      let minimum = Int(try reader.byte())
      let pixels = try lzw(try reader.subBlocks(), minimum: minimum)
      guard try reader.byte() == 0x3B else { throw Failure(description: "trailer") }
      guard frameWidth == width, frameHeight == height else { throw Failure(description: "size") }
      return Image(width: width, height: height, palette: palette, pixels: pixels)
    }
  }

  /// Textbook GIF LZW decompression.
  static func lzw(_ bytes: [UInt8], minimum: Int) throws -> [UInt8] {
    let clear = 1 << minimum
    let end = clear + 1
    var table: [[UInt8]] = []
    var width = minimum + 1
    var previous: [UInt8]?
    var output: [UInt8] = []
    var bitPosition = 0
    func reset() {
      table = (0..<clear).map { [UInt8($0)] } + [[], []]
      width = minimum + 1
      previous = nil
    }
    reset()
    while true {
      guard bitPosition + width <= bytes.count * 8 else { throw Failure(description: "no EOI") }
      var code = 0
      for bit in 0..<width {
        let position = bitPosition + bit
        if bytes[position / 8] & (1 << (position % 8)) != 0 { code |= 1 << bit }
      }
      bitPosition += width
      if code == clear {
        reset()
        continue
      }
      if code == end { return output }
      let entry: [UInt8]
      if code < table.count {
        entry = table[code]
        if let previous { table.append(previous + [entry[0]]) }
      } else if code == table.count, let previous {
        entry = previous + [previous[0]]
        table.append(entry)
      } else {
        throw Failure(description: "bad code \(code) with table \(table.count)")
      }
      output += entry
      previous = entry
      if table.count == 1 << width && width < 12 { width += 1 }
    }
  }

  private struct Reader {
    var bytes: [UInt8]
    var offset = 0

    mutating func byte() throws -> UInt8 {
      guard offset < bytes.count else { throw Failure(description: "truncated") }
      offset += 1
      return bytes[offset - 1]
    }

    mutating func take(_ count: Int) throws -> [UInt8] {
      guard offset + count <= bytes.count else { throw Failure(description: "truncated") }
      offset += count
      return Array(bytes[(offset - count)..<offset])
    }

    mutating func u16() throws -> Int {
      let pair = try take(2)
      return Int(pair[0]) | Int(pair[1]) << 8
    }

    mutating func subBlocks() throws -> [UInt8] {
      var data: [UInt8] = []
      while true {
        let size = Int(try byte())
        if size == 0 { return data }
        data += try take(size)
      }
    }
  }
}
