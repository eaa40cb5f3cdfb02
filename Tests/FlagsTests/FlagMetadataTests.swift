import Foundation
import Testing

@testable import Flags

@Suite("FlagMetadata")
struct FlagMetadataTests {
  @Test("JSON has sorted keys and Python's spacing")
  func exactBytes() throws {
    let data = try #require(FlagMetadata(code: "ad")?.jsonData())
    let text = String(decoding: data, as: UTF8.self)
    #expect(text == #"{"country": "Andorra", "iso_cc": "AD", "tld_cc": ".ad"}"#)
  }

  @Test("every available country round-trips through JSONDecoder")
  func roundTrip() throws {
    for code in Countries.available {
      let metadata = try #require(FlagMetadata(code: code))
      let decoded = try JSONDecoder().decode(FlagMetadata.self, from: metadata.jsonData())
      #expect(decoded == metadata)
      #expect(decoded.isoCC == code)
      #expect(decoded.tldCC == "." + code.lowercased())
      #expect(decoded.country == Countries.name(of: code))
    }
  }

  @Test("an apostrophe survives and quotes and control characters are escaped")
  func escaping() throws {
    let civ = try #require(FlagMetadata(code: "CI"))
    #expect(String(decoding: civ.jsonData(), as: UTF8.self).contains("Cote d'Ivoire"))
    let odd = FlagMetadata(country: "a\"b\\c\nd\u{1}", isoCC: "XX", tldCC: ".xx")
    let decoded = try JSONDecoder().decode(FlagMetadata.self, from: odd.jsonData())
    #expect(decoded == odd)
  }

  @Test("unknown codes have no metadata")
  func unknown() {
    #expect(FlagMetadata(code: "XX") == nil)
    #expect(FlagMetadata(code: "../") == nil)
  }
}
