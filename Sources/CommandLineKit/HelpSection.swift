/// A titled section of help rows that are not options: commands, download styles.
///
/// Its rows share the help column with the options'.
///
///     HelpSection(title: "commands", rows: [HelpRow("serve", "the loopback flag server")])
///     //   commands:
///     //     serve      the loopback flag server
public struct HelpSection: Sendable, Equatable {
  /// The title, without its colon.
  ///
  /// Help adds the colon.
  ///
  ///     section.title   // "commands"
  public var title: String
  /// The rows, in order.
  ///
  /// Each is a term and its help.
  ///
  ///     section.rows.map(\.term)   // ["serve", "flags2"]
  public var rows: [HelpRow]

  /// A section titled `title`.
  ///
  /// Its rows are aligned with the options' help.
  ///
  ///     HelpSection(title: "download styles", rows: styles)
  public init(title: String, rows: [HelpRow]) {
    self.title = title
    self.rows = rows
  }
}

/// One row of help: a term (`-l N, --limit N`, `serve`) and its help, aligned in columns.
///
/// The help goes beside the term when the term leaves room, else on the lines below.
///
///     HelpRow("sequential", "one flag after another (-m is always 1)")
public struct HelpRow: Sendable, Equatable {
  /// What the row explains.
  ///
  /// Indented by two columns.
  ///
  ///     row.term   // "sequential"
  public var term: String
  /// The explanation.
  ///
  /// `\n` starts a new line, and longer lines are wrapped.
  ///
  ///     row.help   // "one flag after another (-m is always 1)"
  public var help: String

  /// A row explaining `term`.
  ///
  /// Empty help leaves the term alone on its line.
  ///
  ///     HelpRow("--virtual", "use a mock network in virtual time")
  public init(_ term: String, _ help: String) {
    self.term = term
    self.help = help
  }
}
