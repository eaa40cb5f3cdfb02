/// A handout as a Markdown page: headings with each section's number and title, the prose,
/// each cell's code in a fenced `swift` block and its output, stamps and all, in a fenced
/// `text` block (a listing's code and fixed text likewise, under its file name), and, when
/// asked for, each cell's timeline as a text chart.
///
/// Prose is escaped so that it reads as written (a `*` is a star, `1.` at the start of a
/// wrapped line is not a list), except the lists the lessons write with `- `, which stay
/// lists. What `lessons 17.4 --format markdown` prints.
///
///     print(MarkdownHandout(handout, timelineWidth: 80).text, terminator: "")
///     // # 17.4 Experimenting with Executor.map
///     //
///     // *Recorded in virtual time: the canonical schedule.*
///     // …
///     // **In [1]:**
///     //
///     // ```swift
///     // func loiter(_ n: Int) -> Int {
///     // …
public struct MarkdownHandout: Sendable {
  /// The run to show.
  public var handout: Handout
  /// How wide to draw the timelines, or nil for none.
  public var timelineWidth: Int?

  /// The page of `handout`, with timelines `timelineWidth` columns wide (nil: none).
  public init(_ handout: Handout, timelineWidth: Int? = nil) {
    self.handout = handout
    self.timelineWidth = timelineWidth
  }

  /// The page, ending with one newline.
  public var text: String {
    var page: [String] = []
    let sectionLevel = handout.hasOwnTitle ? "##" : "#"
    if handout.hasOwnTitle {
      page.append("# " + MarkdownText.inline(handout.displayTitle))
      page.append(Self.recordingLine(handout.recording))
    }
    for section in handout.sections {
      page.append(sectionLevel + " " + MarkdownText.inline(section.heading))
      if !handout.hasOwnTitle { page.append(Self.recordingLine(handout.recording)) }
      for block in section.blocks {
        page += blocks(of: block)
      }
    }
    return page.joined(separator: "\n\n") + "\n"
  }

  /// The Markdown of one block of a section, as paragraphs to be set apart by blank lines.
  private func blocks(of block: HandoutSection.Block) -> [String] {
    switch block {
    case .prose(let text):
      return Self.prose(text, headingLevel: handout.hasOwnTitle ? 3 : 2)
    case .note(let text):
      let lines = text.trimmingNewlines.split(separator: "\n", omittingEmptySubsequences: false)
      return [
        lines.map { $0.isEmpty ? ">" : "> " + MarkdownText.line(String($0)) }.joined(
          separator: "\n")
      ]
    case .cell(let cell):
      var parts = ["**In [\(cell.number)]:**", Self.fenced(cell.source, info: "swift")]
      if !cell.record.output.isEmpty {
        parts.append(Self.fenced(VisibleText.of(cell.record.output), info: "text"))
      }
      if let failure = cell.record.failure {
        parts.append("**Error in cell \(cell.number):** " + MarkdownText.inline(failure))
      }
      let timeline = cell.timeline
      if let timelineWidth, !timeline.isEmpty {
        parts.append(Self.fenced(timeline.text(width: timelineWidth), info: "text"))
      }
      return parts
    case .listing(let listing):
      return Self.listing(listing)
    }
  }

  /// The Markdown of a listing: its file name in bold, in place of a cell's `In [n]:`, its
  /// code in a fenced `swift` block and its fixed text in a fenced `text` block.
  static func listing(_ listing: Listing) -> [String] {
    var parts = [
      "**" + MarkdownText.inline(listing.file) + ":**", fenced(listing.source, info: "swift"),
    ]
    let output = listing.output.trimmingNewlines
    if !output.isEmpty { parts.append(fenced(VisibleText.of(String(output)), info: "text")) }
    return parts
  }

  /// The Markdown of a block of prose: its paragraphs, escaped, its lists, and its headings
  /// at `headingLevel`.
  static func prose(_ text: String, headingLevel: Int) -> [String] {
    ProseBlock.parse(text).map { block in
      switch block {
      case .heading(let heading):
        return String(repeating: "#", count: headingLevel) + " " + MarkdownText.inline(heading)
      case .paragraph(let lines):
        return lines.map(MarkdownText.line).joined(separator: "\n")
      case .list(let items):
        return items.map { item in
          item.enumerated().map { index, line in
            (index == 0 ? "- " : "  ") + MarkdownText.line(line)
          }.joined(separator: "\n")
        }.joined(separator: "\n")
      }
    }
  }

  /// `*text*`, the line under the title that says how the run was made, wrapped to fit 80
  /// columns.
  static func recordingLine(_ text: String) -> String {
    var lines: [String] = []
    var line = ""
    for word in ("*" + MarkdownText.inline(text) + "*").split(separator: " ") {
      if !line.isEmpty && line.count + 1 + word.count > 80 {
        lines.append(line)
        line = ""
      }
      line += (line.isEmpty ? "" : " ") + word
    }
    return (lines + [line]).joined(separator: "\n")
  }

  /// `text` in a fenced code block that nothing inside it can close.
  static func fenced(_ text: String, info: String) -> String {
    let fence = MarkdownText.fence(for: text)
    let body = text.hasSuffix("\n") ? text : text + "\n"
    return fence + info + "\n" + body + fence
  }
}
