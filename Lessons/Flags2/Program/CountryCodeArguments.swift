import CommandLineKit
import Flags

/// The book's `expand_cc_args`: turns `-e`, `-a` and CC arguments into the sorted list of
/// codes to download.
///
/// `-e` (every code AA…ZZ) wins over `-a` (the 194 available codes), which wins over the
/// CC arguments. A one-letter argument stands for its 26 codes (`B` is BA…BZ). With no
/// codes at all, the 20 most populous countries are used. The result is sorted and cut to
/// `limit` codes.
///
///     try CountryCodeArguments.expand(["a", "b", "c"]).count   // 78
///     try CountryCodeArguments.expand([], all: true, limit: 100).last   // "LK"
public enum CountryCodeArguments {
  /// The sorted, de-duplicated, limited list of codes the arguments stand for.
  ///
  /// Throws a ``UsageError`` with the book's message for an argument that is neither one
  /// nor two ASCII letters.
  public static func expand(
    _ arguments: [String], every: Bool = false, all: Bool = false, limit: Int = .max
  ) throws(UsageError) -> [String] {
    var codes: Set<String> = []
    if every {
      codes = Set(letters.flatMap { first in letters.map { String([first, $0]) } })
    } else if all {
      codes = Set(Countries.available)
    } else {
      for argument in arguments {
        let text = argument.uppercased()
        if text.count == 1, let letter = text.first, letters.contains(letter) {
          codes.formUnion(letters.map { String([letter, $0]) })
        } else if let code = Countries.normalized(text) {
          codes.insert(code)
        } else {
          throw UsageError(Self.badCode)
        }
      }
    }
    let chosen = codes.isEmpty ? Set(Countries.pop20) : codes
    return Array(chosen.sorted().prefix(max(limit, 0)))
  }

  /// The book's message for a bad CC argument.
  public static let badCode = "each CC argument must be A to Z or AA to ZZ."

  private static let letters = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
}
