import ConcurrencyRuntime
import Foundation
import Testing

@testable import Notebook

private let workers = Parameter.integer(
  "workers", default: 3, in: 1...10, help: "threads in the pool")
private let calls = Parameter.integer("calls", default: 5, in: 1...5, help: "calls")
private let latency = Parameter.seconds(
  "latency", default: 0.5, in: 0.1...2, help: "seconds the server waits")

/// A section whose one cell prints the value of its knob, read as a cell reads it.
private let knobs = Section(
  id: "0.2", title: "Knobs", parameters: [workers, calls],
  blocks: [
    .cell(
      Cell(name: "knob", source: "pool(maxWorkers: parameters.workers, calls: parameters.calls)") {
        let values = ParameterValues.current ?? ParameterValues()
        Runtime.current.console.display("workers \(values.workers) calls \(values.calls)")
      })
  ])

private let plain = Section(id: "0.3", title: "Plain", blocks: [.prose("Nothing to set.")])

@Suite("Parameters")
struct ParameterTests {
  @Test("a whole number is read within the knob's range, ends included")
  func integerValues() throws {
    #expect(try workers.value(from: "5") == 5)
    #expect(try workers.value(from: "1") == 1)
    #expect(try workers.value(from: "10") == 10)
  }

  @Test(
    "anything else is an error that names the range",
    arguments: ["0", "11", "2.5", "five", "", "-3"])
  func integerErrors(text: String) {
    #expect(
      throws: ParameterError("workers must be a whole number from 1 to 10, not '\(text)'")
    ) { try workers.value(from: text) }
  }

  @Test("seconds take fractions, within their range")
  func secondsValues() throws {
    #expect(try latency.value(from: "0.25") == 0.25)
    #expect(try latency.value(from: "2") == 2)
    for text in ["0.05", "2.5", "nan", "inf", "-1", ""] {
      #expect(
        throws: ParameterError(
          "latency must be seconds from 0.1 to 2, not '\(text)'")
      ) { try latency.value(from: text) }
    }
    #expect(latency.format(0.5) == "0.5" && latency.format(2) == "2")
    #expect(latency.rangeText == "0.1 to 2" && workers.rangeText == "1 to 10")
  }

  @Test("--set takes NAME=VALUE; anything else says so")
  func assignments() throws {
    let assignment = try ParameterSettings.Assignment(parsing: "workers=5")
    #expect(assignment == .init(name: "workers", text: "5"))
    #expect(try ParameterSettings.Assignment(parsing: "a=b=c").text == "b=c")
    for text in ["workers", "=5", "workers=", ""] {
      #expect(
        throws: ParameterError("--set takes NAME=VALUE, such as workers=5, not '\(text)'")
      ) { try ParameterSettings.Assignment(parsing: text) }
    }
  }

  @Test("settings apply to the sections that have the knob, the last one winning")
  func settingsPerSection() throws {
    var settings = ParameterSettings()
    try settings.add("workers=7")
    try settings.add("workers=5")
    try settings.check([knobs, plain])
    let values = try settings.values(for: knobs)
    #expect(values.workers == 5 && values.calls == 5)
    #expect(values.changed.map(\.name) == ["workers"])
    #expect(try settings.values(for: plain).parameters.isEmpty)
  }

  @Test(
    "a name no section has, or a value out of range, is an error naming what is valid",
    arguments: [
      ("worker=5", ["knobs"], "0.2 has no parameter 'worker' (its parameters: workers and calls)"),
      ("workers=5", ["plain"], "0.3 has no parameter 'workers' (it has none)"),
      (
        "nope=1", ["knobs", "plain"],
        "no section has a parameter 'nope' (known: workers, calls)"
      ),
      ("nope=1", ["plain", "plain"], "no section has a parameter 'nope' (none has any)"),
      (
        "calls=9", ["knobs", "plain"],
        "--set calls must be a whole number from 1 to 5, not '9'"
      ),
    ])
  func settingErrors(argument: String, sections: [String], message: String) throws {
    var settings = ParameterSettings()
    try settings.add(argument)
    let chosen = sections.map { $0 == "knobs" ? knobs : plain }
    #expect(throws: ParameterError(message)) { try settings.check(chosen) }
  }

  @Test("knobs too many to name on one line are left to --params")
  func tooManyToName() throws {
    let names = ["concurrency", "connections", "processes", "timeout", "flags"]
    let busy = Section(
      id: "0.5", title: "Busy",
      parameters: names.map { .integer($0, default: 1, in: 1...2, help: $0) }, blocks: [])
    var settings = ParameterSettings()
    try settings.add("nope=1")
    #expect(throws: ParameterError("no section has a parameter 'nope' (see --params)")) {
      try settings.check([busy, plain])
    }
  }

  @Test("a knob at its default is shown as its value; a changed one by its name")
  func shownSource() {
    let source = "pool(maxWorkers: parameters.workers, n: parameters.calls + parameters.callsLeft)"
    #expect(
      ParameterValues([workers, calls]).shown(source)
        == "pool(maxWorkers: 3, n: 5 + parameters.callsLeft)")
    #expect(
      ParameterValues([workers, calls], setting: ["workers": 4]).shown(source)
        == "pool(maxWorkers: parameters.workers, n: 5 + parameters.callsLeft)")
    #expect(ParameterValues([workers]).shown("x.parameters.workers") == "x.parameters.workers")
  }

  @Test("the header names each changed knob and its default, or is nil at the defaults")
  func header() {
    #expect(ParameterValues([workers, calls]).header() == nil)
    #expect(ParameterValues([workers], setting: ["workers": 3]).header() == nil)
    #expect(
      ParameterValues([workers, latency], setting: ["workers": 5, "latency": 0.2]).header()
        == """
        With workers=5 (default 3), latency=0.2 (default 0.5), from --set; the prose
        describes the defaults.
        """)
  }

  @Test("a run shows the header, the code with the values in force, and the cells read them")
  func runWithSettings() throws {
    var settings = ParameterSettings()
    try settings.add("workers=8")
    let collector = Collector()
    try NotebookRunner(configuration: .canonical, parameters: settings).run(
      knobs, renderer: TextRenderer(style: .plain, write: collector.write))
    #expect(
      collector.text == """
        0.2  Knobs
        ==========

        With workers=8 (default 3), from --set; the prose describes the defaults.

        In [1]:
            pool(maxWorkers: parameters.workers, calls: 5)

        [09:00:00] workers 8 calls 5


        """)
    let recording = NotebookRunner(configuration: .canonical, parameters: settings).record(knobs)
    #expect(recording.parameters.workers == 8)
    #expect(recording.text == collector.text)
  }

  @Test("at the defaults a run reads as it did before knobs existed")
  func runAtDefaults() throws {
    let collector = Collector()
    try NotebookRunner(configuration: .canonical).run(
      knobs, renderer: TextRenderer(style: .plain, write: collector.write))
    #expect(collector.text.contains("    pool(maxWorkers: 3, calls: 5)\n"))
    #expect(collector.text.contains("[09:00:00] workers 3 calls 5\n"))
    #expect(!collector.text.contains("--set"))
  }

  @Test("an explorer runs every seed with the settings, and its replay commands repeat them")
  func explorerSettings() throws {
    var settings = ParameterSettings()
    try settings.add("workers=2")
    let wrong = Invariant("three workers") { run in
      run.parameters.workers == 3 ? nil : "workers is \(run.parameters.workers)"
    }
    let report = Explorer(section: knobs, invariants: [wrong], parameters: settings)
      .explore(seeds: 0..<3, parallelism: 1)
    #expect(report.violations.count == 3)
    #expect(report.violations.first?.reason == "workers is 2")
    #expect(
      report.violations.first?.replayCommand == "lessons 0.2 --virtual --seed 0 --set workers=2")
  }

  @Test("--params lists each section's knobs in columns, and says how to change one")
  func table() {
    #expect(
      ParameterTable.text(for: [knobs, plain]) == """
        0.2  Knobs
          workers  default 3  1 to 10  threads in the pool
          calls    default 5  1 to 5   calls

        0.3  Plain
          no parameters

        Change one with --set NAME=VALUE, such as 'lessons 0.2 --set workers=5'.

        """)
  }
}
