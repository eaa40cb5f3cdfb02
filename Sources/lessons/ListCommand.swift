import CommandLineKit
import Lessons
import Notebook

/// `lessons list`: what `lessons` alone prints, the sections with their titles. Hidden: the
/// help shows `lessons` alone instead.
enum ListCommand: ParsableCommand {
  static let name = "list"
  static let summary = "list the sections"
  static let isHidden = true

  static var arguments: ArgumentSet<Void> { ArgumentSet(()) }

  static func run(_ options: Void, in program: Program) -> Int32 {
    program.write(listing(in: .english))
    return 0
  }

  /// The sections of the chapter, and how to run them, in `language`.
  static func listing(in language: Language) -> String {
    var text = ProgramText.listingHeading.text(in: language) + "\n\n"
    for section in Catalog.sections {
      text += "  \(section.id)  \(section.reading(in: language).title)\n"
    }
    return text + "\n" + ProgramText.listingFooter.text(in: language) + "\n"
  }
}
