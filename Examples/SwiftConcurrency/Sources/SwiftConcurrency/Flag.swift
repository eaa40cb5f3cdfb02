/// One downloaded flag: its country code and its size in bytes.
///
///     Flag(code: "BR", bytes: 2_178).code   // "BR"
public struct Flag: Sendable, Equatable {
  /// The two-letter country code (`BR`, `CN`, …).
  public var code: String
  /// The size of the flag's image.
  public var bytes: Int

  /// A flag of `bytes` bytes for `code`.
  public init(code: String, bytes: Int) {
    self.code = code
    self.bytes = bytes
  }
}
