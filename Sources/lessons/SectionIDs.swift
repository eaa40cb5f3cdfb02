import CommandLineKit
import Lessons

extension ValueParser where Value == [String] {
  /// A section's id (`17.4`), or `all` for every one in chapter order: what `lessons` and
  /// `lessons explore` take as SECTION.
  static var sectionIDs: ValueParser<[String]> {
    ValueParser { name, _ throws(UsageError) in
      if name == "all" { return Catalog.sections.map(\.id) }
      guard Catalog.section(name) != nil else {
        let valid = Catalog.sections.map(\.id).joined(separator: ", ")
        throw UsageError("unknown section '\(name)': choose \(valid), or all")
      }
      return [name]
    }
  }
}
