import Testing

@testable import Flags

@Suite("FlagDesign")
struct FlagDesignTests {
  private let designs = Countries.available.map(FlagDesign.init(code:))

  @Test("sizes are flag-shaped and every layout is used")
  func shapes() {
    for design in designs {
      #expect((240...510).contains(design.width))
      #expect(design.height * 2 >= design.width && design.height * 100 <= design.width * 67)
      #expect(design.render().count == design.width * design.height)
    }
    let layouts = Set(designs.map { "\($0.layout)" })
    #expect(layouts.count == FlagDesign.Layout.allCases.count)
  }

  @Test("neighbouring bands differ and the letters contrast with the centre")
  func colours() {
    for design in designs {
      #expect(design.bands[0] != design.bands[1] && design.bands[1] != design.bands[2])
      let centre = design.band(x: design.width / 2, y: design.height / 2)
      #expect(design.ink != centre)
    }
  }

  @Test("painting bands a run at a time agrees with band(x:y:) on every pixel")
  func runs() {
    for design in designs + ["", "X", "ÄÖ", "1234"].map(FlagDesign.init(code:)) {
      var row = [UInt8](repeating: 0xFF, count: design.width)
      for y in 0..<design.height {
        row.withUnsafeMutableBufferPointer { design.paintBands(row: y, into: $0) }
        let expected = (0..<design.width).map { UInt8(2 * design.band(x: $0, y: y)) }
        if row != expected {
          let code = String(decoding: design.letters, as: UTF8.self)
          Issue.record("\(code) (\(design.layout)) differs on row \(y)")
          break
        }
      }
    }
  }

  @Test("shading stays within the fold depth and leaves flat areas")
  func shading() {
    for design in designs.prefix(20) {
      let shades = (0..<design.foldPeriod).map(design.shade(phase:))
      #expect(shades.allSatisfy { (0...design.foldDepth).contains($0) })
      #expect(shades.contains(0))
      #expect(design.shade(x: 3, y: 5) == design.shade(phase: 11 % design.foldPeriod))
    }
  }

  @Test("the code is lettered in ink in the middle of the flag")
  func lettering() {
    let design = FlagDesign(code: "CN")
    let pixels = design.render()
    let inked = pixels.filter { $0 / 2 == UInt8(design.ink) }.count
    #expect(inked > 50)
  }
}
