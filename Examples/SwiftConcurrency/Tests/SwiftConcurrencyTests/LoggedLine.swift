import ConcurrencyRuntime
import SwiftConcurrency
import TranscriptTesting

/// Where the programs log in the tests: the virtual runtime's console, which stamps each line
/// with the virtual time.
let display: Log = { Runtime.current.console.display($0) }

/// One line a program logged, read from the run's typed events (not from the printed text):
/// its virtual time since the run began, and its text without the stamp.
struct LoggedLine: Equatable {
  var time: Duration
  var text: String

  /// Every line of `run`, in the order they were logged.
  static func all(in run: RecordedRun) -> [LoggedLine] {
    run.events.compactMap { event in
      guard case .output(let printed) = event.kind else { return nil }
      let text = printed.drop { $0 != "]" }.dropFirst(2).prefix { $0 != "\n" }
      return LoggedLine(time: event.time, text: String(text))
    }
  }

  /// The texts of the lines of `run` that start with `prefix`, without it.
  static func texts(in run: RecordedRun, after prefix: String) -> [String] {
    all(in: run).compactMap {
      $0.text.hasPrefix(prefix) ? String($0.text.dropFirst(prefix.count)) : nil
    }
  }
}
