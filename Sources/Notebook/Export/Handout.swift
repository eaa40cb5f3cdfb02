/// A whole run of one or more sections, kept for a handout: what the Markdown, Jupyter and
/// HTML exports are written from.
///
/// A ``HandoutRecorder`` collects the sections as they run; the document says how the run
/// was made (virtual time and its seed, or live), so that a reader knows whether the stamps
/// are the canonical replay or a real run.
///
///     let recorder = HandoutRecorder()
///     try NotebookRunner(configuration: .canonical).run(section, renderer: recorder)
///     let handout = Handout(
///       title: nil, recording: "Recorded in virtual time.", sections: recorder.sections)
///     print(MarkdownHandout(handout).text)
///     // # 17.4 Experimenting with Executor.map
///     // …
public struct Handout: Sendable {
  /// The document's title; nil for a handout of one section, whose heading is the title.
  public var title: String?
  /// One sentence on how the run was made, shown under the title.
  public var recording: String
  /// The sections, in the order they ran.
  public var sections: [HandoutSection]

  /// A handout of `sections`, titled `title` (or by its only section), with a line saying
  /// how it was recorded.
  public init(title: String?, recording: String, sections: [HandoutSection]) {
    self.title = title
    self.recording = recording
    self.sections = sections
  }

  /// The title shown: ``title``, or the heading of the first section.
  ///
  ///     handout.displayTitle   // "17.4 Experimenting with Executor.map"
  public var displayTitle: String {
    title ?? sections.first?.heading ?? "lessons"
  }

  /// Whether the document has a title of its own above its sections; otherwise its only
  /// section's heading is the top heading.
  ///
  ///     Handout(title: nil, recording: "", sections: [one]).hasOwnTitle   // false
  public var hasOwnTitle: Bool { title != nil || sections.count != 1 }
}
