/// What `lessons flags2 --help` prints, and the usage lines shown after a usage error.
///
/// The options and their help are the book's (argparse's layout); the options this port
/// adds are listed apart.
public enum Flags2Usage {
  /// The usage lines for `style`, or for any style when nil.
  ///
  /// Wrapped as argparse wraps them for an 80-column terminal: the options follow the
  /// command, and continue under the first of them.
  public static func usage(_ style: Flags2Style?) -> String {
    let command = "usage: lessons flags2 \(style?.rawValue ?? "{sequential,threadpool,async}") "
    let indent = String(repeating: " ", count: command.count)
    var lines: [String] = []
    var line = command
    for part in parts {
      if line.count + part.count > width && line != command && line != indent {
        lines.append(String(line.dropLast()))
        line = indent
      }
      line += part + " "
    }
    lines.append(String(line.dropLast()))
    return lines.joined(separator: "\n") + "\n"
  }

  /// The usage's pieces, in argparse's order: optionals, then positionals.
  private static let parts = [
    "[-h]", "[-a]", "[-e]", "[-l N]", "[-m CONCURRENT]", "[-s LABEL]", "[-v]", "[--url BASE]",
    "[--dest DIR]", "[--timeout S]", "[--virtual]", "[--seed N]", "[CC ...]",
  ]

  /// argparse's text width on an 80-column terminal.
  private static let width = 78

  /// The full help of `style` (its `--max_req` default differs), or of the command.
  public static func help(_ style: Flags2Style?) -> String {
    let styles =
      style == nil
      ? """

      download styles:
        sequential            one flag after another (-m is always 1)
        threadpool            a pool of threads, submit + asCompleted (default -m 30)
        async                 a task group, at most -m requests at once (default -m 5)

      """ : ""
    let concurrency = style.map { "\($0.defaultConcurrency)" } ?? "1, 30 or 5"
    return usage(style) + """

      Download flags for country codes. Default: top 20 countries by population.
      \(styles)
      positional arguments:
        CC                    country code or 1st letter (eg. B for BA...BZ)

      options:
        -h, --help            show this help message and exit
        -a, --all             get all available flags (AD to ZW)
        -e, --every           get flags for every possible code (AA...ZZ)
        -l N, --limit N       limit to N first codes
        -m CONCURRENT, --max_req CONCURRENT
                              maximum concurrent requests (default=\(concurrency))
        -s LABEL, --server LABEL
                              Server to hit; one of \(SiteLabel.choices)
                              (default=LOCAL)
        -v, --verbose         output detailed progress info

      options of this port:
        --url BASE            download from BASE, an http:// URL such as
                              http://127.0.0.1:8001/flags, instead of the
                              LABEL's site (live runs only)
        --dest DIR            save the flags in DIR, created if missing
                              (default=downloads/)
        --timeout S           give up on a request after S seconds
                              (default=10, REMOTE 3)
        --virtual             use a mock network in virtual time: instant and
                              repeatable
        --seed N              seed of the mock's delays and errors and of the
                              scheduler; implies --virtual

      LOCAL, DELAY and ERROR are 127.0.0.1 ports 8001, 8002 and 8003 (see
      'lessons serve'); when nothing listens there, a server of that kind is
      started in this process, on a free port that the first line names.
      REMOTE is the book's site, which is gone.

      """
  }
}
