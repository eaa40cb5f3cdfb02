import Foundation

/// The lines `flags2` prints before and after downloading, word for word as the book's
/// `initial_report` and `final_report`.
///
///     print(Flags2Report.header(label: .local, url: url, codes: codes, concurrency: 30))
///     // LOCAL site: http://127.0.0.1:8001/flags
///     // Searching for 78 flags: from AA to CZ
///     // 30 concurrent connections will be used.
///     print(Flags2Report.footer([.ok: 43, .notFound: 35], elapsed: .milliseconds(2140)))
///     // --------------------
///     // 43 flags downloaded.
///     // 35 not found.
///     // Elapsed time: 2.14s
public enum Flags2Report {
  /// The three lines that open a run, each ending in a newline.
  ///
  /// The site is named by its label, or as `Site from --url` when `--url` chose it (the
  /// label then says nothing about what answers there).
  public static func header(
    label: SiteLabel?, url: String, codes: [String], concurrency: Int
  ) -> String {
    let list =
      codes.count <= 10
      ? codes.joined(separator: ", ") : "from \(codes[0]) to \(codes[codes.count - 1])"
    let site = label.map { "\($0.rawValue) site" } ?? "Site from --url"
    return "\(site): \(url)\n"
      + "Searching for \(codes.count) flag\(plural(codes.count)): \(list)\n"
      + "\(concurrency) concurrent connection\(plural(concurrency)) will be used.\n"
  }

  /// The lines that close a run: 20 dashes, the counts (not found and errors only when
  /// nonzero), the codes Ctrl-C left undone (only when some were), and the elapsed time.
  ///
  ///     print(Flags2Report.footer([.ok: 3], elapsed: .seconds(2), interrupted: 17))
  ///     // --------------------
  ///     // 3 flags downloaded.
  ///     // 17 not downloaded: interrupted (Ctrl-C).
  ///     // Elapsed time: 2.00s
  public static func footer(
    _ counter: [DownloadStatus: Int], elapsed: Duration, interrupted: Int = 0
  ) -> String {
    let ok = counter[.ok, default: 0]
    let notFound = counter[.notFound, default: 0]
    let errors = counter[.error, default: 0]
    var text = String(repeating: "-", count: 20) + "\n"
    text += "\(ok) flag\(plural(ok)) downloaded.\n"
    if notFound > 0 { text += "\(notFound) not found.\n" }
    if errors > 0 { text += "\(errors) error\(plural(errors)).\n" }
    if interrupted > 0 { text += "\(interrupted) not downloaded: interrupted (Ctrl-C).\n" }
    let (seconds, attoseconds) = elapsed.components
    let value = Double(seconds) + Double(attoseconds) / 1e18
    return text + "Elapsed time: " + String(format: "%.2f", value) + "s\n"
  }

  private static func plural(_ count: Int) -> String { count == 1 ? "" : "s" }
}
