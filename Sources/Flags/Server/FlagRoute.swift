/// What a request target names on the flag site, decided without touching a filesystem.
///
/// The site has exactly two files per available country, `/flags/<cc>/<cc>.gif` and
/// `/flags/<cc>/metadata.json` (`cc` in any case). Everything else is 404, and targets that
/// try to be clever — `..` or `.` segments, NUL or control bytes, backslashes, bad or double
/// percent-encoding (`%252e`) — are 400. The target is percent-decoded exactly once and
/// then matched segment by segment, so no spelling can reach anything else.
///
///     FlagRoute(target: "/flags/AD/ad.gif")            // .gif(code: "AD")
///     FlagRoute(target: "/flags/%2e%2e/etc/passwd")    // .badRequest
///     FlagRoute(target: "/flags//ad/ad.gif")           // .notFound
enum FlagRoute: Equatable {
  /// The flag picture of an available country (upper-case code).
  case gif(code: String)
  /// The metadata document of an available country (upper-case code).
  case metadata(code: String)
  /// A well-formed target naming nothing on the site.
  case notFound
  /// A malformed or suspicious target.
  case badRequest

  /// Routes a request target as sent on the request line.
  ///
  /// Accepts origin form (`/flags/...`) and absolute form (`http://host/flags/...`); the
  /// query and fragment are ignored.
  init(target: String) {
    guard let path = Self.decodedPath(target) else {
      self = .badRequest
      return
    }
    // The server routes every request: plain ASCII paths, nearly all of them, are compared as
    // bytes, which is what comparing them as strings comes to.
    self = path.allSatisfy { $0 < 0x80 } ? Self.route(ascii: path) : Self.route(text: path)
  }

  /// Routes a decoded path of ASCII bytes without making strings of its segments.
  private static func route(ascii path: [UInt8]) -> FlagRoute {
    let segments = path.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false)
    if segments.contains(where: { $0.elementsEqual(".".utf8) || $0.elementsEqual("..".utf8) }) {
      return .badRequest
    }
    guard segments.count == 4, segments[0].isEmpty, segments[1].elementsEqual("flags".utf8),
      let code = Countries.normalized(String(decoding: segments[2], as: UTF8.self)),
      Countries.isAvailable(code)
    else { return .notFound }
    let name = segments[3].lazy.map(lowercased)
    if name.elementsEqual((code.lowercased() + ".gif").utf8) { return .gif(code: code) }
    if name.elementsEqual("metadata.json".utf8) { return .metadata(code: code) }
    return .notFound
  }

  /// Routes any decoded path, comparing its segments as strings (Unicode lower-casing maps
  /// some letters onto ASCII ones, as the Kelvin sign onto `k`).
  private static func route(text path: [UInt8]) -> FlagRoute {
    let segments = path.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false)
      .map { String(decoding: $0, as: UTF8.self) }
    if segments.contains(where: { $0 == "." || $0 == ".." }) { return .badRequest }
    guard segments.count == 4, segments[0].isEmpty, segments[1] == "flags",
      let code = Countries.normalized(segments[2]), Countries.isAvailable(code)
    else { return .notFound }
    switch segments[3].lowercased() {
    case code.lowercased() + ".gif": return .gif(code: code)
    case "metadata.json": return .metadata(code: code)
    default: return .notFound
    }
  }

  /// The percent-decoded path of `target`, or `nil` when the target is malformed.
  ///
  /// Malformed: not starting with `/` (after an optional `http://authority`), a `%` not
  /// followed by two hex digits, or decoded bytes that are control characters, a
  /// backslash or `%` (which would mean the client encoded twice).
  static func decodedPath(_ target: String) -> [UInt8]? {
    var bytes = Array(target.utf8)
    if let end = bytes.firstIndex(where: { $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#") }) {
      bytes.removeSubrange(end...)
    }
    let scheme = Array("http://".utf8)
    if bytes.count >= scheme.count,
      Array(bytes[0..<scheme.count]).map(lowercased) == scheme
    {
      let rest = bytes[scheme.count...]
      guard let slash = rest.firstIndex(of: UInt8(ascii: "/")) else { return nil }
      bytes = Array(bytes[slash...])
    }
    guard bytes.first == UInt8(ascii: "/") else { return nil }
    var decoded: [UInt8] = []
    var index = 0
    while index < bytes.count {
      var byte = bytes[index]
      if byte == UInt8(ascii: "%") {
        guard index + 2 < bytes.count, let high = hexValue(bytes[index + 1]),
          let low = hexValue(bytes[index + 2])
        else { return nil }
        byte = high << 4 | low
        index += 2
      }
      if byte < 0x20 || byte == 0x7F || byte == UInt8(ascii: "\\") || byte == UInt8(ascii: "%") {
        return nil
      }
      decoded.append(byte)
      index += 1
    }
    return decoded
  }

  private static func hexValue(_ byte: UInt8) -> UInt8? {
    switch byte {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
    default: nil
    }
  }

  private static func lowercased(_ byte: UInt8) -> UInt8 {
    (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte + 32 : byte
  }
}
