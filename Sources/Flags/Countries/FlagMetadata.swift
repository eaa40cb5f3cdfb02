import Foundation

/// The `metadata.json` document the flag site serves beside each flag.
///
/// Encodes with the flag site's snake-case keys in sorted order, with Python's
/// `json.dumps` spacing, so the bytes are stable:
///
///     FlagMetadata(code: "AD")?.jsonData()
///     // {"country": "Andorra", "iso_cc": "AD", "tld_cc": ".ad"}
///
/// The site's `gec_cc` field (the CIA World Factbook code) is left out on purpose:
/// this project has no reliable source for it, and a missing field beats a wrong one.
struct FlagMetadata: Codable, Equatable, Sendable {
  /// The English short name, e.g. "Andorra".
  ///
  /// Encoded as `country`.
  var country: String
  /// The upper-case ISO 3166-1 alpha-2 code, e.g. "AD".
  ///
  /// Encoded as `iso_cc`.
  var isoCC: String
  /// The top-level domain, e.g. ".ad".
  ///
  /// Encoded as `tld_cc`.
  var tldCC: String

  /// The flag site's JSON keys.
  enum CodingKeys: String, CodingKey {
    case country
    case isoCC = "iso_cc"
    case tldCC = "tld_cc"
  }

  /// Creates metadata from its three fields.
  ///
  /// No validation: this is also what a client decodes from the wire.
  init(country: String, isoCC: String, tldCC: String) {
    self.country = country
    self.isoCC = isoCC
    self.tldCC = tldCC
  }

  /// The metadata of an available country, or `nil` for an unknown code.
  ///
  /// The code is case-insensitive; the result holds the upper-case code.
  init?(code: String) {
    guard
      let iso = Countries.normalized(code),
      let name = Countries.name(of: iso),
      let tld = Countries.tld(of: iso)
    else { return nil }
    self.init(country: name, isoCC: iso, tldCC: tld)
  }

  /// The document as UTF-8 JSON with sorted keys and stable bytes.
  ///
  /// Written by hand rather than with `JSONEncoder`, whose spacing and escaping of `/`
  /// differ between platforms and from the Python site's output.
  func jsonData() -> Data {
    let fields = [("country", country), ("iso_cc", isoCC), ("tld_cc", tldCC)]
    let body = fields.map { "\(Self.quoted($0.0)): \(Self.quoted($0.1))" }
    return Data(("{" + body.joined(separator: ", ") + "}").utf8)
  }

  /// A JSON string literal for `text`, escaping quotes, backslashes and control characters.
  static func quoted(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      case _ where scalar.value < 0x20:
        let hex = String(scalar.value, radix: 16)
        out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out + "\""
  }
}
