import Notebook

/// Every section of the chapter that the notebook can run, in reading order.
public enum Catalog {
  /// The sections, in order.
  public static let sections: [Section] = [
    WebDownloads.section,
    BlockingIOAndGIL.section,
    LaunchingProcesses.section,
    ExecutorMap.section,
    DownloadsWithProgress.section,
  ]

  /// The section numbered `id` (`"17.4"`), if there is one.
  public static func section(_ id: String) -> Section? {
    sections.first { $0.id == id }
  }
}
