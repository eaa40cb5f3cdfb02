import Testing

@testable import Flags

@Suite("Countries")
struct CountriesTests {
  @Test("there are 194 available codes, sorted and unique")
  func available() {
    #expect(Countries.available.count == 194)
    #expect(Countries.available == Countries.available.sorted())
    #expect(Set(Countries.available).count == 194)
    #expect(Countries.available.first == "AD")
    #expect(Countries.available.last == "ZW")
  }

  @Test("POP20 lists the book's 20 countries in the book's order")
  func pop20() {
    let book = "CN IN US ID BR PK NG BD RU JP MX PH VN ET EG DE IR TR CD FR"
    #expect(Countries.pop20.joined(separator: " ") == book)
    #expect(Countries.pop20.allSatisfy(Countries.isAvailable))
  }

  @Test("every available code has a name and a top-level domain, and no other code does")
  func names() {
    for code in Countries.available {
      #expect(Countries.name(of: code)?.isEmpty == false, "\(code)")
      #expect(Countries.tld(of: code) == "." + code.lowercased())
    }
    #expect(CountryNames.table.count == 194)
    #expect(Countries.name(of: "XX") == nil)
    #expect(Countries.tld(of: "PR") == nil)
  }

  @Test("names are plain ASCII")
  func asciiNames() {
    for name in CountryNames.table.values {
      #expect(name.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F }, "\(name)")
    }
  }

  @Test("a few names are the expected ones")
  func knownNames() {
    #expect(Countries.name(of: "AD") == "Andorra")
    #expect(Countries.name(of: "cd") == "Democratic Republic of the Congo")
    #expect(Countries.name(of: "Gb") == "United Kingdom")
    #expect(Countries.name(of: "US") == "United States")
  }

  @Test("lookups accept any case but only two ASCII letters")
  func normalization() {
    #expect(Countries.normalized("ad") == "AD")
    #expect(Countries.normalized("aD") == "AD")
    for bad in ["", "A", "ADX", "A1", " AD", "ＡＤ", "é1", "A\u{0}"] {
      #expect(Countries.normalized(bad) == nil, "\(bad)")
      #expect(!Countries.isAvailable(bad))
    }
  }

  @Test("of the 78 codes from AA to CZ, 43 exist, as in the book")
  func abcExpansion() {
    let letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    let codes = "ABC".flatMap { first in letters.map { "\(first)\($0)" } }
    #expect(codes.count == 78)
    #expect(codes.filter(Countries.isAvailable).count == 43)
    let bOnly = letters.map { "B\($0)" }.filter(Countries.isAvailable)
    #expect(bOnly.count == 17)
  }
}
