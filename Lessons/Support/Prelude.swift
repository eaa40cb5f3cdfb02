import ConcurrencyRuntime
import Notebook

// What lesson code calls, as the notebook's cells called Python's `print` and `time.sleep`.
// Each helper works on the runtime of the calling thread, so the same cell runs live and in
// virtual time.

/// Prints `text` with an `[HH:MM:SS]` stamp from the runtime's clock.
func display(_ text: String) {
  Runtime.current.console.display(text)
}

/// Blocks the calling thread for `seconds` on the runtime's clock (Python's `time.sleep`).
func sleep(seconds: Double) {
  Runtime.current.sleep(for: .milliseconds(Int((seconds * 1000).rounded())))
}

/// Blocks the calling thread for `seconds` whole seconds.
func sleep(seconds: Int) {
  Runtime.current.sleep(for: .seconds(seconds))
}

/// The values of the running section's knobs: `parameters.workers` in a cell is 3, or what
/// `--set workers=N` made it. Outside a run (a cell called by hand, or inside a run of its
/// own such as `linesPrinted`), the defaults the catalog declares.
var parameters: ParameterValues {
  ParameterValues.current ?? ParameterValues(Catalog.sections.flatMap(\.parameters))
}

/// A paragraph of prose in English only, until its Korean is written (a test fails until it
/// is).
func prose(_ text: String) -> Block { .prose(Localized(en: text)) }

/// A paragraph of prose in English and Korean, each wrapped by hand to 80 columns (a Hangul
/// syllable takes two).
func prose(en english: String, ko korean: String) -> Block {
  .prose(en: english, ko: korean)
}

/// A cell whose code is the body of `run`; `CellSourceTool` extracts that body as the cell's
/// source at build time, from the line `cell("NAME") {` to its closing brace.
func cell(_ name: String, _ run: @escaping @Sendable () throws -> Void) -> Block {
  .cell(Cell(name: name, source: source(of: name), run: run))
}

/// A cell that shows the file-scope declarations between `// cell: NAME` and `// end cell`,
/// which later cells call; running it defines nothing new, as the code is compiled already.
func define(_ name: String) -> Block {
  .cell(Cell(name: name, source: source(of: name), run: {}))
}

private func source(of name: String) -> String {
  guard let source = CellSources.all[name] else {
    preconditionFailure("no cell named \(name): CellSourceTool did not find it")
  }
  return source
}
