/// Code that a section shows but does not run, with the fixed text that stands for what it
/// does: a program the compiler refuses, say, with what the compiler says about it.
///
/// A cell's output comes from running it; a listing's is written down with it, the same in
/// every run and every language, so the section must keep it true some other way (a test that
/// compiles the code and compares). A listing takes no `In [n]`: it is labelled by its file
/// name instead, as a file compiled on its own.
///
///     let listing = Listing(
///       file: "race.swift", source: "var count = 0\n…",
///       output: "$ swiftc -swift-version 6 race.swift\nrace.swift:5:13: error: …")
///     // race.swift:
///     //     var count = 0
///     //     …
///     //
///     // $ swiftc -swift-version 6 race.swift
///     // race.swift:5:13: error: …
public struct Listing: Sendable, Equatable {
  /// The name of the file the code stands in, shown above it (`race.swift`).
  public let file: String
  /// The code, Swift, shown as a cell's code is.
  public let source: String
  /// What the code gives, shown verbatim under it: a command and what it printed.
  public let output: String

  /// A listing of `source`, as the file `file`, with the text `output` under it.
  public init(file: String, source: String, output: String) {
    self.file = file
    self.source = source
    self.output = output
  }
}
