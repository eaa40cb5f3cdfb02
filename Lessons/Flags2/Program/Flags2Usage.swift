import CommandLineKit

/// What `lessons flags2 --help` prints, and the usage lines shown after a usage error,
/// generated from the declarations of ``Flags2Options``.
///
/// The options and their help are the book's, in argparse's layout; the options this port
/// adds are listed apart. Only the prose is written here.
///
///     print(Flags2Usage.usage(.async), terminator: "")
///     // usage: lessons flags2 async [-h] [-a] [-e] [-l N] [-m CONCURRENT] [-s LABEL]
///     //                             [-v] [--url BASE] [--dest DIR] [--timeout S]
///     //                             [--virtual] [--seed N]
///     //                             [CC ...]
public enum Flags2Usage {
  /// The usage lines for `style`, or for any style when nil.
  ///
  /// Wrapped as argparse wraps them for an 80-column terminal: the options follow the
  /// command and continue under the first of them; the positionals start a line of their
  /// own.
  ///
  ///     Flags2Usage.usage(nil).hasPrefix("usage: lessons flags2 {sequential,threadpool,async}")
  ///     // true
  public static func usage(_ style: Flags2Style?) -> String {
    Flags2Options.arguments(style).usage(for: command(style))
  }

  /// The full help of `style` (its `--max_req` default differs), or of the command.
  ///
  /// The command's help also lists the download styles.
  ///
  ///     Flags2Usage.help(.async).contains("maximum concurrent requests (default=5)")   // true
  public static func help(_ style: Flags2Style?) -> String {
    let styles = HelpSection(
      title: "download styles",
      rows: [
        HelpRow("sequential", "one flag after another (-m is always 1)"),
        HelpRow("threadpool", "a pool of threads, submit + asCompleted (default 30)"),
        HelpRow("async", "a task group, at most -m requests at once (default 5)"),
      ])
    return Flags2Options.arguments(style).help(
      for: command(style),
      description: "Download flags for country codes. Default: top 20 countries by population.",
      extra: style == nil ? [styles] : [],
      epilog: """
        LOCAL, DELAY and ERROR are 127.0.0.1 ports 8001, 8002 and 8003 (see
        'lessons serve'); when nothing listens there, a server of that kind is
        started in this process, on a free port that the first line names.
        REMOTE is the book's site, which is gone.
        """)
  }

  /// `lessons flags2 async`, or `lessons flags2 {sequential,threadpool,async}`.
  private static func command(_ style: Flags2Style?) -> String {
    let styles = Flags2Style.allCases.map(\.rawValue).joined(separator: ",")
    return "lessons flags2 " + (style?.rawValue ?? "{\(styles)}")
  }
}
