import Foundation

/// A handout as a Jupyter notebook (nbformat 4.5): a Markdown cell for each heading, block
/// of prose, note and listing (code that does not run), and a code cell for each cell that ran, with its number as the
/// execution count and what it printed as a `stdout` stream; a cell that failed adds an
/// `error` output. With timelines, a cell that ran concurrent work also shows its chart, as
/// an SVG picture and as text.
///
/// Every cell has an `id` (`17-4-code-2`: letters, digits, `-`), unique in the notebook, and
/// the notebook says its language is Swift. The JSON has sorted keys, so the same run gives
/// the same bytes. What `lessons 17.4 --format ipynb --output 17.4.ipynb` writes.
///
///     let json = try NotebookDocument(handout, timelines: false).json()
///     // {
///     //   "cells" : [
///     //     {
///     //       "cell_type" : "markdown",
///     //       "id" : "17-4-title",
///     //       …
public struct NotebookDocument: Sendable {
  /// The cells, in order.
  public private(set) var cells: [Cell] = []
  /// The notebook's title: the handout's.
  public var title: String

  /// The notebook of `handout`; `timelines` adds each concurrent cell's chart.
  public init(_ handout: Handout, timelines: Bool) {
    title = handout.displayTitle
    var ids = CellIDs()
    if handout.hasOwnTitle {
      let text =
        "# " + MarkdownText.inline(handout.displayTitle) + "\n\n"
        + MarkdownHandout.recordingLine(handout.recording)
      cells.append(.markdown(id: ids.make("title"), text))
    }
    let level = handout.hasOwnTitle ? "## " : "# "
    for section in handout.sections {
      let prefix = HTMLText.identifier(String(section.id.prefix(40)))
      var heading = level + MarkdownText.inline(section.heading)
      if !handout.hasOwnTitle {
        heading += "\n\n" + MarkdownHandout.recordingLine(handout.recording)
      }
      cells.append(.markdown(id: ids.make(prefix + "-title"), heading))
      var prose = 0
      var listings = 0
      for block in section.blocks {
        switch block {
        case .prose(let text):
          prose += 1
          let markdown = MarkdownHandout.prose(text, headingLevel: handout.hasOwnTitle ? 3 : 2)
            .joined(
              separator: "\n\n")
          cells.append(.markdown(id: ids.make("\(prefix)-prose-\(prose)"), markdown))
        case .note(let text):
          prose += 1
          let quoted = text.trimmingNewlines.split(separator: "\n").map {
            "> " + MarkdownText.line(String($0))
          }
          cells.append(
            .markdown(id: ids.make("\(prefix)-note-\(prose)"), quoted.joined(separator: "\n")))
        case .listing(let listing):
          // Markdown, not code: a code cell would offer to run what cannot run.
          listings += 1
          let markdown = MarkdownHandout.listing(listing).joined(separator: "\n\n")
          cells.append(.markdown(id: ids.make("\(prefix)-listing-\(listings)"), markdown))
        case .cell(let cell):
          cells.append(
            .code(
              id: ids.make("\(prefix)-code-\(cell.number)"), cell.source,
              executionCount: cell.number,
              outputs: Self.outputs(of: cell, in: section, timelines: timelines)))
        }
      }
    }
  }

  /// The notebook as nbformat JSON, keys sorted, ending with a newline.
  public func json() throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
    let file = File(cells: cells, metadata: Metadata(title: title))
    let text = String(decoding: try encoder.encode(file), as: UTF8.self)
    return Self.closingEmptyBrackets(text) + "\n"
  }

  /// `{}` and `[]` for the empty objects and arrays that Foundation prints over three lines.
  /// A JSON string cannot hold a raw newline, so only the layout between tokens is touched.
  static func closingEmptyBrackets(_ json: String) -> String {
    var result = ""
    var pending = ""
    for character in json {
      if pending.isEmpty {
        if character == "{" || character == "[" {
          pending.append(character)
        } else {
          result.append(character)
        }
        continue
      }
      if character == "\n" || character == " " {
        pending.append(character)
        continue
      }
      if let open = pending.first,
        (open == "{" && character == "}") || (open == "[" && character == "]")
      {
        result += String(open) + String(character)
        pending = ""
        continue
      }
      result += pending
      pending = ""
      if character == "{" || character == "[" {
        pending.append(character)
      } else {
        result.append(character)
      }
    }
    return result + pending
  }

  private static func outputs(
    of cell: HandoutCell, in section: HandoutSection, timelines: Bool
  ) -> [Output] {
    var outputs: [Output] = []
    if !cell.record.output.isEmpty {
      outputs.append(.stream(name: "stdout", text: lines(VisibleText.of(cell.record.output))))
    }
    if let failure = cell.record.failure {
      outputs.append(
        .error(
          name: "Error", value: failure, traceback: ["Error in cell \(cell.number): \(failure)"]))
    }
    let timeline = cell.timeline
    if timelines && !timeline.isEmpty {
      var picture = TimelineSVG()
      picture.add(timeline, sectionID: section.id, sectionTitle: "")
      outputs.append(
        .displayData([
          "image/svg+xml": lines(
            picture.document(idPrefix: "\(HTMLText.identifier(section.id))-\(cell.number)-")),
          "text/plain": lines(timeline.text(width: 80)),
        ]))
    }
    return outputs
  }

  /// `text` as Jupyter keeps multi-line strings: a list of lines, each with its newline but
  /// the last.
  static func lines(_ text: String) -> [String] {
    var lines: [String] = []
    var line = ""
    for character in text {
      line.append(character)
      if character == "\n" {
        lines.append(line)
        line = ""
      }
    }
    if !line.isEmpty { lines.append(line) }
    return lines
  }
}

extension NotebookDocument {
  /// A notebook cell: Markdown, or code with its outputs.
  public struct Cell: Sendable, Encodable {
    /// The cell's id, unique in the notebook: 1 to 64 letters, digits, `-` or `_`.
    public var id: String
    /// `markdown` or `code`.
    public var type: String
    /// The cell's text, as lines.
    public var source: [String]
    /// A code cell's execution count (its `In [n]`); nil for Markdown.
    public var executionCount: Int?
    /// A code cell's outputs; nil for Markdown.
    public var outputs: [Output]?

    static func markdown(id: String, _ text: String) -> Cell {
      Cell(id: id, type: "markdown", source: NotebookDocument.lines(text))
    }

    static func code(id: String, _ source: String, executionCount: Int, outputs: [Output])
      -> Cell
    {
      Cell(
        id: id, type: "code", source: NotebookDocument.lines(source),
        executionCount: executionCount, outputs: outputs)
    }

    enum CodingKeys: String, CodingKey {
      case id, source, metadata, outputs
      case type = "cell_type"
      case executionCount = "execution_count"
    }

    /// Encodes the keys nbformat 4.5 requires of the cell's type, and no others.
    public func encode(to encoder: any Encoder) throws {
      var container = encoder.container(keyedBy: CodingKeys.self)
      try container.encode(id, forKey: .id)
      try container.encode(type, forKey: .type)
      try container.encode([String: String](), forKey: .metadata)
      try container.encode(source, forKey: .source)
      if type == "code" {
        try container.encode(outputs ?? [], forKey: .outputs)
        try container.encode(executionCount, forKey: .executionCount)
      }
    }
  }

  /// An output of a code cell.
  public enum Output: Sendable, Encodable {
    /// Text the cell printed on a stream (`stdout`), as lines.
    case stream(name: String, text: [String])
    /// A picture or text to show, by MIME type, each as lines.
    case displayData([String: [String]])
    /// The error the cell stopped with.
    case error(name: String, value: String, traceback: [String])

    enum CodingKeys: String, CodingKey {
      case name, text, data, metadata, ename, evalue, traceback
      case type = "output_type"
    }

    /// Encodes the keys nbformat 4.5 requires of the output's type.
    public func encode(to encoder: any Encoder) throws {
      var container = encoder.container(keyedBy: CodingKeys.self)
      switch self {
      case .stream(let name, let text):
        try container.encode("stream", forKey: .type)
        try container.encode(name, forKey: .name)
        try container.encode(text, forKey: .text)
      case .displayData(let data):
        try container.encode("display_data", forKey: .type)
        try container.encode(data, forKey: .data)
        try container.encode([String: String](), forKey: .metadata)
      case .error(let name, let value, let traceback):
        try container.encode("error", forKey: .type)
        try container.encode(name, forKey: .ename)
        try container.encode(value, forKey: .evalue)
        try container.encode(traceback, forKey: .traceback)
      }
    }
  }

  /// The whole file: cells, metadata and the format's version.
  private struct File: Encodable {
    var cells: [Cell]
    var metadata: Metadata
    var nbformat = 4
    var nbformatMinor = 5

    enum CodingKeys: String, CodingKey {
      case cells, metadata, nbformat
      case nbformatMinor = "nbformat_minor"
    }
  }

  /// The notebook's language, Swift, and its title.
  private struct Metadata: Encodable {
    var kernelspec = ["display_name": "Swift", "language": "swift", "name": "swift"]
    var languageInfo = [
      "codemirror_mode": "swift", "file_extension": ".swift", "mimetype": "text/x-swift",
      "name": "swift", "pygments_lexer": "swift",
    ]
    var title: String

    enum CodingKeys: String, CodingKey {
      case kernelspec, title
      case languageInfo = "language_info"
    }
  }

  /// Cell ids, each made unique by a number when it was already given.
  private struct CellIDs {
    private var used: Set<String> = []

    mutating func make(_ base: String) -> String {
      var id = String(base.prefix(60))
      var suffix = 2
      while used.contains(id) {
        id = String(base.prefix(56)) + "-\(suffix)"
        suffix += 1
      }
      used.insert(id)
      return id
    }
  }
}
