import CommandLineKit
import Flags
import Testing

@testable import Lessons

@Suite("CountryCodeArguments")
struct CountryCodeArgumentsTests {
  @Test("a b c stand for 78 codes, AA to CZ, 43 of them with a flag")
  func letters() throws {
    let codes = try CountryCodeArguments.expand(["a", "b", "c"])
    #expect(codes.count == 78)
    #expect(codes.first == "AA" && codes.last == "CZ")
    #expect(codes.filter(Countries.isAvailable).count == 43)
  }

  @Test("-e is every code AA..ZZ, -a the 194 available")
  func everyAndAll() throws {
    let every = try CountryCodeArguments.expand([], every: true)
    #expect(every.count == 676 && every.first == "AA" && every.last == "ZZ")
    #expect(try CountryCodeArguments.expand([], all: true) == Countries.available)
  }

  @Test("codes are upper-cased, de-duplicated, sorted and limited")
  func sortedAndLimited() throws {
    #expect(try CountryCodeArguments.expand(["us", "CN", "cn", "br"]) == ["BR", "CN", "US"])
    #expect(try CountryCodeArguments.expand(["b"], limit: 2) == ["BA", "BB"])
  }

  @Test("no codes means the 20 most populous, sorted, and limited too")
  func pop20() throws {
    #expect(try CountryCodeArguments.expand([]) == Countries.pop20.sorted())
    #expect(try CountryCodeArguments.expand([], limit: 2) == ["BD", "BR"])
  }

  @Test("anything but one or two ASCII letters is the book's usage error")
  func badCodes() {
    for bad in ["abc", "1", "é", "a1", ""] {
      #expect(throws: UsageError(CountryCodeArguments.badCode), "\(bad)") {
        try CountryCodeArguments.expand([bad])
      }
    }
  }
}
