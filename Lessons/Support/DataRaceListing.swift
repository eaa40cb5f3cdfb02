import Notebook

/// The program of 17.2 that Swift 6 refuses to build, and what the compiler says about it.
///
/// It cannot run, so it is a ``Listing`` rather than a cell: its code and the compiler's
/// words are written here, once, and the section shows them. `DataRaceListingTests` compiles
/// ``source`` with the command the listing shows and fails unless the compiler still says
/// ``diagnostic``, word for word, after the same two steps that made it: the file's path made
/// `race.swift`, and each line wider than 80 columns wrapped at its spaces, the rest of it on
/// lines indented by two.
///
/// The check that catches it runs on the compiled code, after type checking (region-based
/// isolation), so `-typecheck` alone does not see it: the command compiles the file.
enum DataRaceListing {
  /// The name the file has in the lesson.
  static let file = "race.swift"

  /// The command the lesson shows, which the test runs.
  static let command = "swiftc -swift-version 6 -diagnostic-style llvm -c \(file)"

  /// A thousand child tasks that share one variable.
  static let source = """
    /// A thousand child tasks, each adding one to the same variable.
    func countInTasks() async -> Int {
      var count = 0
      await withTaskGroup(of: Void.self) { group in
        for _ in 0..<1000 {
          group.addTask { count += 1 }
        }
      }
      return count
    }
    """

  /// What Swift 6.3's compiler says about ``source``.
  static let diagnostic = """
    race.swift:6:13: error: passing closure as a 'sending' parameter risks causing
      data races between code in the current task and concurrent execution of the
      closure [#SendingClosureRisksDataRace]
          group.addTask { count += 1 }
                ^
    race.swift:6:29: note: closure captures reference to mutable var 'count' which
      is accessible to code in the current task
          group.addTask { count += 1 }
                                ^
    """

  /// The listing: the file, then the command and what it printed.
  static let listing = Listing(file: file, source: source, output: "$ \(command)\n\(diagnostic)")
}
