/// GIF-flavoured LZW compression of palette indices.
///
/// Codes are written least-significant bit first. The stream starts with a clear code,
/// widens codes from `minimumCodeSize + 1` up to 12 bits as the dictionary grows, emits
/// a clear code and starts over when the dictionary is full, and ends with the
/// end-of-information code. The widening rule is the one giflib's encoder uses (and
/// every decoder expects): after a code is written, widen once the next free dictionary
/// slot no longer fits in the current width; when the next free slot reaches 4095,
/// clear instead of adding an entry.
struct LZWEncoder {
  /// Bits per pixel value, 2...8 (GIF's "LZW minimum code size").
  let minimumCodeSize: Int

  /// Compresses `pixels`, each of which must be below `1 << minimumCodeSize`.
  ///
  /// Pixels out of range are masked into range rather than trapping.
  func encode(_ pixels: [UInt8]) -> [UInt8] {
    pixels.withUnsafeBufferPointer(encode)
  }

  /// `encode(_:)` on the bytes in place: with ``ErrorDiffusion``, the hot loop of every
  /// generated flag.
  ///
  /// The dictionary is giflib's table of child codes, one row of `1 << minimumCodeSize`
  /// entries per prefix code, so a row starts at `prefix << minimumCodeSize`: the shift
  /// rather than a multiply keeps the look-up chain from one pixel to the next short.
  func encode(_ pixels: UnsafeBufferPointer<UInt8>) -> [UInt8] {
    let alphabet = 1 << minimumCodeSize
    let clearCode = alphabet
    let endCode = alphabet + 1
    let mask = UInt8(truncatingIfNeeded: alphabet - 1)
    var writer = BitWriter(capacity: pixels.count / 4)
    var width = minimumCodeSize + 1
    writer.write(clearCode, width: width)
    guard let first = pixels.first else {
      writer.write(endCode, width: width)
      return writer.finish()
    }
    // children[prefix << minimumCodeSize | pixel] is the code for prefix+pixel, 0 when absent
    // (0 can never be a child code, because child codes start above the end code).
    var children = [UInt16](repeating: 0, count: 4096 << minimumCodeSize)
    var nextCode = endCode + 1
    var prefix = Int(first & mask)
    children.withUnsafeMutableBufferPointer { children in
      var index = 1
      while index < pixels.count {
        let pixel = Int(pixels[index] & mask)
        index += 1
        let slot = prefix << minimumCodeSize | pixel
        let child = Int(children[slot])
        if child != 0 {
          prefix = child
          continue
        }
        writer.write(prefix, width: width)
        if nextCode >= (1 << width) && width < 12 {
          width += 1
        }
        if nextCode >= 4095 {
          writer.write(clearCode, width: width)
          children.update(repeating: 0)
          width = minimumCodeSize + 1
          nextCode = endCode + 1
        } else {
          children[slot] = UInt16(truncatingIfNeeded: nextCode)
          nextCode += 1
        }
        prefix = pixel
      }
    }
    writer.write(prefix, width: width)
    if nextCode >= (1 << width) && width < 12 {
      width += 1
    }
    writer.write(endCode, width: width)
    return writer.finish()
  }
}

/// Packs variable-width codes into bytes, least-significant bit first.
struct BitWriter {
  private var bytes: [UInt8] = []
  private var accumulator: UInt32 = 0
  private var count = 0

  /// A writer with room for `capacity` bytes before it has to grow.
  init(capacity: Int = 0) {
    bytes.reserveCapacity(capacity)
  }

  /// Appends the low `width` bits of `code`.
  mutating func write(_ code: Int, width: Int) {
    accumulator |= UInt32(truncatingIfNeeded: code) << UInt32(count)
    count += width
    while count >= 8 {
      bytes.append(UInt8(truncatingIfNeeded: accumulator))
      accumulator >>= 8
      count -= 8
    }
  }

  /// The packed bytes, with the last partial byte zero-padded.
  mutating func finish() -> [UInt8] {
    if count > 0 {
      bytes.append(UInt8(truncatingIfNeeded: accumulator))
      accumulator = 0
      count = 0
    }
    return bytes
  }
}
