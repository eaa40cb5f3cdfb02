import ConcurrencyRuntime
import Foundation
import Testing

@testable import Flags

@Suite("GIFEncoder")
struct GIFEncoderTests {
  @Test("a tiny image has the exact GIF89a layout")
  func layout() throws {
    let data = GIFEncoder.encode(
      width: 2, height: 1, palette: [.black, .white], pixels: [0, 1])
    let bytes = [UInt8](data)
    #expect(Array(bytes[0..<6]) == Array("GIF89a".utf8))
    #expect(Array(bytes[6..<10]) == [2, 0, 1, 0])
    #expect(bytes[10] == 0b1001_0001)  // global table, 2-bit colour resolution, 4 entries
    #expect(Array(bytes[13..<16]) == [0, 0, 0])
    #expect(Array(bytes[16..<19]) == [255, 255, 255])
    #expect(bytes[25] == 0x2C)
    #expect(bytes.last == 0x3B)
    let image = try GIFDecoder.decode(data)
    #expect(image.width == 2 && image.height == 1)
    #expect(image.pixels == [0, 1])
  }

  @Test("pixels survive encoding for every palette size", arguments: [2, 4, 5, 16, 32, 200, 256])
  func roundTrip(colors: Int) throws {
    var rng = SplitMix64(seed: UInt64(colors))
    let palette = (0..<colors).map { GIFEncoder.Color(UInt8($0 % 256), UInt8($0 / 2), 9) }
    let pixels = (0..<(97 * 61)).map { _ in UInt8(rng.next(below: UInt64(colors))) }
    let image = try GIFDecoder.decode(
      GIFEncoder.encode(width: 97, height: 61, palette: palette, pixels: pixels))
    #expect(image.pixels == pixels)
    #expect(image.palette.count >= colors)
    #expect(image.palette[colors - 1] == [UInt8((colors - 1) % 256), UInt8((colors - 1) / 2), 9])
  }

  @Test("missing pixels are padded and sizes are clamped rather than trapping")
  func lenient() throws {
    let image = try GIFDecoder.decode(
      GIFEncoder.encode(width: 3, height: 2, palette: [], pixels: [1]))
    #expect(image.pixels == [1, 0, 0, 0, 0, 0])
    let empty = try GIFDecoder.decode(
      GIFEncoder.encode(width: 0, height: -5, palette: [], pixels: []))
    #expect(empty.width == 1 && empty.height == 1)
  }

  @Test("the same image always gives the same bytes")
  func deterministic() {
    let pixels = (0..<1000).map { UInt8($0 % 7) }
    let first = GIFEncoder.encode(width: 40, height: 25, palette: [.white], pixels: pixels)
    let second = GIFEncoder.encode(width: 40, height: 25, palette: [.white], pixels: pixels)
    #expect(first == second)
  }
}
