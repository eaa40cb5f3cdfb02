/// The forms a handout can take besides the terminal's text: what `--format` chooses.
///
///     let page = try HandoutFormat.html.document(handout, timelines: false)
///     HandoutFormat.ipynb.needsFile   // true: a notebook is no terminal reading
public enum HandoutFormat: String, CaseIterable, Sendable {
  /// A Markdown page (``MarkdownHandout``), to standard output or a file.
  case markdown
  /// A Jupyter notebook, nbformat 4.5 (``NotebookDocument``), to a file.
  case ipynb
  /// One self-contained web page (``HTMLPage``), to a file.
  case html

  /// Whether the document is only written to a file, never to standard output.
  public var needsFile: Bool { self != .markdown }

  /// The document of `handout`; `timelines` adds each concurrent cell's chart, as text in
  /// Markdown and as a picture and text in a notebook (a web page always has its charts).
  public func document(_ handout: Handout, timelines: Bool) throws -> String {
    switch self {
    case .markdown: return MarkdownHandout(handout, timelineWidth: timelines ? 80 : nil).text
    case .ipynb: return try NotebookDocument(handout, timelines: timelines).json()
    case .html: return HTMLPage(handout).text
    }
  }
}
