import Foundation

/// The flag site's files, generated in memory: a GIF picture and a `metadata.json`.
///
/// Pictures are invented but deterministic (the same code always gives the same bytes)
/// and about the size of the book's flags, 1–36 KB. Generated files are cached, so
/// serving a flag twice costs a dictionary lookup.
///
///     let gif = FlagImage.gif(for: "AD")    // 11 KB or so, starts with "GIF89a"
///     let json = FlagImage.metadata(for: "ad")
///     // {"country": "Andorra", "iso_cc": "AD", "tld_cc": ".ad"}
enum FlagImage {
  /// The GIF89a picture for `code` (case-insensitive).
  ///
  /// Any code gets a picture, available or not: deciding what is "not found" is the
  /// server's job. Thread-safe.
  static func gif(for code: String) -> Data {
    let key = code.uppercased()
    if let cached = cache.value(for: key) { return cached }
    let design = FlagDesign(code: key)
    let data = GIFEncoder.encode(
      width: design.width, height: design.height,
      palette: FlagPalette.colors, pixels: design.render())
    if Countries.isAvailable(key) {
      cache.store(data, for: key)
    }
    return data
  }

  /// The `metadata.json` bytes for an available country, or `nil` for an unknown code.
  ///
  /// Sorted keys and Python-style spacing; see ``FlagMetadata/jsonData()``.
  static func metadata(for code: String) -> Data? {
    FlagMetadata(code: code)?.jsonData()
  }

  private static let cache = DataCache()
}

/// A lock-protected dictionary of generated files.
///
/// Only the 194 available codes are stored, so it never grows past a few megabytes.
final class DataCache: @unchecked Sendable {
  private let lock = NSLock()
  private var storage: [String: Data] = [:]

  /// The cached bytes for `key`, if any.
  func value(for key: String) -> Data? {
    lock.withLock { storage[key] }
  }

  /// Remembers `data` for `key`.
  func store(_ data: Data, for key: String) {
    lock.withLock { storage[key] = data }
  }
}
