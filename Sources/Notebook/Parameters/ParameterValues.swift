import ConcurrencyRuntime
import Foundation

/// The values of a section's knobs in force for one run: the defaults, with what `--set`
/// changed. Cells read them as `parameters.workers`.
///
/// The runner makes them for each run and registers them for the run's runtime, so a cell,
/// and anything it calls on any thread of the run, finds them as ``current``.
///
/// A cell's code names the knob it reads, and what it shows says where the value comes
/// from: a knob left at its default is shown as its value, so the page reads as the notebook
/// did (and the transcripts hold it), and a changed one is shown by name, with the run's
/// header saying what it was set to (``header(in:)``).
///
///     let values = ParameterValues([workers], setting: ["workers": 5])
///     values.workers                                  // 5
///     values.shown("executor(maxWorkers: parameters.workers)")
///     // "executor(maxWorkers: parameters.workers)"
///     ParameterValues([workers]).shown("executor(maxWorkers: parameters.workers)")
///     // "executor(maxWorkers: 3)"
@dynamicMemberLookup
public struct ParameterValues: Sendable, Equatable {
  /// The section's knobs, in the order it declares them.
  public let parameters: [Parameter]
  private let values: [String: Double]

  /// The knobs at their defaults, but for `overrides` (by name; names of other knobs are
  /// left out). The values are taken as given: ``ParameterSettings`` checks them.
  public init(_ parameters: [Parameter] = [], setting overrides: [String: Double] = [:]) {
    self.parameters = parameters
    var values: [String: Double] = [:]
    for parameter in parameters {
      values[parameter.name] = overrides[parameter.name] ?? parameter.defaultValue
    }
    self.values = values
  }

  /// The value in force of the knob `name`, nil when the section has no such knob.
  public func value(_ name: String) -> Double? { values[name] }

  /// The value in force of the whole-number knob `name`: `parameters.workers` in a cell.
  ///
  /// A name the section does not declare is a mistake in the lesson's code, which a test of
  /// every cell's source catches; it stops the program.
  public subscript(dynamicMember name: String) -> Int {
    guard let value = values[name] else {
      preconditionFailure("no parameter named \(name) is declared")
    }
    return Int(value)
  }

  /// The knobs whose value is not their default, in declaration order.
  public var changed: [Parameter] {
    parameters.filter { values[$0.name] != $0.defaultValue }
  }

  /// What the run's header says when a knob was changed, in `language`, wrapped to 78
  /// columns; nil when every knob is at its default (the transcripts' run).
  ///
  ///     // With workers=5 (default 3), from --set; the prose describes the defaults.
  public func header(in language: Language = .english) -> String? {
    let changes = changed.map { parameter in
      let value = values[parameter.name] ?? parameter.defaultValue
      return (
        setting: "\(parameter.name)=\(parameter.format(value))",
        standard: parameter.format(parameter.defaultValue)
      )
    }
    guard !changes.isEmpty else { return nil }
    let text = Localized(
      en: "With "
        + changes.map { "\($0.setting) (default \($0.standard))" }.joined(separator: ", ")
        + ", from --set; the prose describes the defaults.",
      ko: "--set으로 바꾼 값: "
        + changes.map { "\($0.setting) (기본값 \($0.standard))" }.joined(separator: ", ")
        + ". 본문은 기본값을 두고 설명합니다.")
    return ParameterText.wrap(text.text(in: language), width: 78)
  }

  /// A cell's code as it is shown in this run: `parameters.NAME` of a knob at its default is
  /// shown as the value, that of a changed knob as written.
  public func shown(_ source: String) -> String {
    var text = source
    for parameter in parameters where values[parameter.name] == parameter.defaultValue {
      text = ParameterText.replace(
        reference: "parameters.\(parameter.name)", with: parameter.format(parameter.defaultValue),
        in: text)
    }
    return text
  }

  /// The values of the section running on the calling thread's runtime; nil outside a run.
  public static var current: ParameterValues? { ParameterRegistry.values(of: Runtime.current) }
}

/// The values of the runs under way, by runtime: how ``ParameterValues/current`` finds them
/// from any thread of a run. Guarded by an NSLock, which the Thread Sanitizer sees.
enum ParameterRegistry {
  private final class Table: @unchecked Sendable {
    let lock = NSLock()
    var values: [ObjectIdentifier: ParameterValues] = [:]
  }

  private static let table = Table()

  static func register(_ values: ParameterValues, for runtime: Runtime) {
    table.lock.withLock { table.values[ObjectIdentifier(runtime)] = values }
  }

  static func remove(for runtime: Runtime) {
    table.lock.withLock { table.values[ObjectIdentifier(runtime)] = nil }
  }

  static func values(of runtime: Runtime) -> ParameterValues? {
    table.lock.withLock { table.values[ObjectIdentifier(runtime)] }
  }
}
