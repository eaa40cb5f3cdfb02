import CommandLineKit
import Lessons

/// `lessons list`: what `lessons` alone prints, the sections with their titles. Hidden: the
/// help shows `lessons` alone instead.
enum ListCommand: ParsableCommand {
  static let name = "list"
  static let summary = "list the sections"
  static let isHidden = true

  static var arguments: ArgumentSet<Void> { ArgumentSet(()) }

  static func run(_ options: Void, in program: Program) -> Int32 {
    program.write(listing)
    return 0
  }

  /// The sections of the chapter, and how to run them.
  static var listing: String {
    var text = "Sections of chapter 17, Concurrency with Futures:\n\n"
    for section in Catalog.sections {
      text += "  \(section.id)  \(section.title)\n"
    }
    text += """

      Run one with 'lessons 17.4'; replay it in virtual time with
      'lessons 17.4 --virtual'. More in 'lessons --help'.

      """
    return text
  }
}
