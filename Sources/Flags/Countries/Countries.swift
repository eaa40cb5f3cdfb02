/// The country codes of the book's flag site: which exist, their names and top-level domains.
///
/// The flag site serves 194 countries, keyed by ISO 3166-1 alpha-2 codes. Lookups accept
/// upper or lower case; everything returned is upper case, as in the book.
///
///     Countries.pop20.prefix(3)      // ["CN", "IN", "US"]
///     Countries.name(of: "ad")       // "Andorra"
///     Countries.tld(of: "AD")        // ".ad"
///     Countries.isAvailable("XX")    // false
public enum Countries {
  /// The 20 most populous countries, in the book's order.
  ///
  /// This is the default list `flags2` downloads when given no codes.
  public static let pop20: [String] = [
    "CN", "IN", "US", "ID", "BR", "PK", "NG", "BD", "RU", "JP",
    "MX", "PH", "VN", "ET", "EG", "DE", "IR", "TR", "CD", "FR",
  ]

  /// The 194 codes the flag site has a flag for, sorted.
  ///
  /// Any other code (`XX`, or a real territory such as `PR`) answers 404 Not Found.
  public static let available: [String] = availableList.split(separator: " ").map(String.init)

  /// The available codes as a set, for constant-time membership tests.
  static let availableSet: Set<String> = Set(available)

  /// Whether the site has a flag for `code` (case-insensitive).
  ///
  /// Only exact two-letter ASCII codes match; anything else is `false`.
  public static func isAvailable(_ code: String) -> Bool {
    guard let upper = normalized(code) else { return false }
    return availableSet.contains(upper)
  }

  /// The English short name of an available country, or `nil` for any other code.
  ///
  /// Names are plain ASCII common names, e.g. `CD` is "Democratic Republic of the Congo"
  /// and `CI` is "Cote d'Ivoire".
  public static func name(of code: String) -> String? {
    guard let upper = normalized(code) else { return nil }
    return CountryNames.table[upper]
  }

  /// The country-code top-level domain of an available country, or `nil`.
  ///
  /// Always `"."` followed by the lower-case code (`.gb` for the United Kingdom, as the
  /// flag site's metadata has it, although the domain in use is `.uk`).
  public static func tld(of code: String) -> String? {
    guard let upper = normalized(code), availableSet.contains(upper) else { return nil }
    return "." + upper.lowercased()
  }

  /// The upper-case form of a two-letter ASCII code, or `nil` for anything else.
  ///
  /// Used to accept `ad`, `Ad` and `AD` alike while rejecting look-alikes such as
  /// full-width letters or strings with a trailing space.
  public static func normalized(_ code: String) -> String? {
    // Byte by byte, with no arrays: the flag server asks this for every request.
    var bytes = code.utf8.makeIterator()
    guard let first = bytes.next().flatMap(upperCased),
      let second = bytes.next().flatMap(upperCased),
      bytes.next() == nil
    else { return nil }
    return String(unsafeUninitializedCapacity: 2) { buffer in
      buffer[0] = first
      buffer[1] = second
      return 2
    }
  }

  /// The upper-case form of an ASCII letter, or `nil` for any other byte.
  private static func upperCased(_ byte: UInt8) -> UInt8? {
    switch byte {
    case UInt8(ascii: "A")...UInt8(ascii: "Z"): byte
    case UInt8(ascii: "a")...UInt8(ascii: "z"): byte - 32
    default: nil
    }
  }

  private static let availableList = """
    AD AE AF AG AL AM AO AR AT AU AZ BA BB BD BE BF BG BH BI BJ BN BO BR BS BT BW BY BZ \
    CA CD CF CG CH CI CL CM CN CO CR CU CV CY CZ DE DJ DK DM DZ EC EE EG ER ES ET FI FJ \
    FM FR GA GB GD GE GH GM GN GQ GR GT GW GY HN HR HT HU ID IE IL IN IQ IR IS IT JM JO \
    JP KE KG KH KI KM KN KP KR KW KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MG MH \
    MK ML MM MN MR MT MU MV MW MX MY MZ NA NE NG NI NL NO NP NR NZ OM PA PE PG PH PK PL \
    PT PW PY QA RO RS RU RW SA SB SC SD SE SG SI SK SL SM SN SO SR SS ST SV SY SZ TD TG \
    TH TJ TL TM TN TO TR TT TV TW TZ UA UG US UY UZ VA VC VE VN VU WS YE ZA ZM ZW
    """
}
