import ConcurrencyRuntime
import Foundation
import GoldenFiles

/// What `assertInvariants` says when a run broke an invariant or did not finish: what
/// happened and under which seed, the run's output against the canonical run's as a unified
/// diff (or, replaying one run, its whole output), the one line that replays it, and its
/// schedule, inline when short, else in a file beside the test
/// (`__Transcripts__/TEST.schedule`; `TEST-2.schedule` for the second invariant broken,
/// `TEST-unfinished.schedule` for the first run that did not finish).
struct InvariantFailureMessage {
  /// The calling test's name, for `swift test --filter`.
  var testName: String
  /// `__Transcripts__` beside the calling test file, where long schedules go.
  var folder: URL
  /// What the environment asked to run.
  var request: ReplayRequest

  /// Schedules of more lines than this are written to a file rather than quoted.
  static let inlineScheduleLines = 3

  /// The message for the first run that broke `invariant`, `others` more runs breaking it
  /// too; `canonical` is the canonical run's output, `index` tells the file of the second
  /// broken invariant from the first's.
  func violation(
    _ violation: ExplorationViolation<RecordedRun>, others: Int, canonical: String, index: Int
  ) -> String {
    var text = "\(violation.choice) broke \"\(violation.invariant)\": \(violation.reason)\n"
    if others > 0 {
      text += "(and \(others) more run\(others == 1 ? "" : "s") broke it)\n"
    }
    text += output(of: violation.run, under: violation.choice, canonical: canonical)
    text += replay(violation.choice, schedule: violation.schedule, index: index)
    return text
  }

  /// The message for the runs that did not finish, the first one's in detail.
  func unfinished(_ findings: ExplorationFindings<RecordedRun>, canonical: String) -> String {
    guard let first = findings.unfinished.first, let summary = findings.unfinishedSummary else {
      return ""
    }
    var text = summary
    text += output(of: first.run, under: first.choice, canonical: canonical)
    text += replay(first.choice, schedule: first.schedule, index: 0, suffix: "-unfinished")
    return text
  }

  /// The run's whole output when replaying one run, else its diff against the canonical run.
  private func output(of run: RecordedRun, under choice: ScheduleChoice, canonical: String)
    -> String
  {
    if request.isReplay {
      return "its whole output:\n" + run.output + (run.output.hasSuffix("\n") ? "" : "\n")
    }
    let diff = UnifiedDiff(
      old: canonical, new: run.output, oldLabel: "the canonical run (seed nil)",
      newLabel: "\(choice)")
    if diff.isEmpty { return "its output is the canonical run's\n" }
    return "its output against the canonical run's:\n\(diff)"
  }

  /// The line that replays the run, and its schedule inline or the file that holds it.
  private func replay(
    _ choice: ScheduleChoice, schedule: Schedule?, index: Int, suffix: String = ""
  ) -> String {
    let filter = "swift test --filter \(Self.quoted(testName))"
    var text = ""
    switch (choice, request) {
    case (_, .schedule(_, let path)):
      text += "replay: \(ReplayRequest.scheduleVariable)=\(Self.quoted(path)) \(filter)\n"
      return text
    case (.seed(let seed), _):
      text += "replay: \(ReplayRequest.seedVariable)=\(seed) \(filter)\n"
    default:
      break
    }
    guard let schedule else { return text }
    let scheduleText = schedule.text
    let lines = scheduleText.split(separator: "\n").count
    if lines <= Self.inlineScheduleLines {
      return text + "its schedule:\n" + scheduleText
    }
    let file = folder.appendingPathComponent(
      "\(testName)\(suffix)\(index == 0 ? "" : "-\(index + 1)").schedule")
    do {
      // GoldenFiles' writer: a temporary file beside it, renamed over it (the folder made).
      try FileAccess.store(Array(scheduleText.utf8), at: file.path)
    } catch {
      return text + "its schedule (\(file.path) could not be written):\n" + scheduleText
    }
    text += "its schedule (\(schedule.decisions.count) decisions) is in \(file.path);\n"
    text += "replay exactly that schedule: "
    text += "\(ReplayRequest.scheduleVariable)=\(Self.quoted(file.path)) \(filter)\n"
    return text
  }

  /// Removes the schedule files an earlier failing run of the test left, now that it passes
  /// (as a golden file's `.new` goes once the output matches).
  func removeStaleSchedules() {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    for name in names where isScheduleFile(name) {
      try? FileManager.default.removeItem(at: folder.appendingPathComponent(name))
    }
  }

  /// Whether `name` is one of the test's schedule files: `TEST.schedule`,
  /// `TEST-unfinished.schedule` or `TEST-2.schedule` and on.
  private func isScheduleFile(_ name: String) -> Bool {
    guard name.hasPrefix(testName), name.hasSuffix(".schedule") else { return false }
    let middle = name.dropFirst(testName.count).dropLast(".schedule".count)
    if middle.isEmpty || middle == "-unfinished" { return true }
    return middle.first == "-" && middle.count > 1 && middle.dropFirst().allSatisfy(\.isNumber)
  }

  /// `text`, in single quotes when a shell would split or expand it.
  static func quoted(_ text: String) -> String {
    let plain = text.allSatisfy { $0.isLetter || $0.isNumber || "/._-+=:,@".contains($0) }
    return plain ? text : "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
  }
}
