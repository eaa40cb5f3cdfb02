import Foundation

/// When a comparison may write the golden file instead of reporting a difference.
///
/// Like the record modes of swift-snapshot-testing and insta's `INSTA_UPDATE`:
///
/// | mode | golden file missing | output differs |
/// |---|---|---|
/// | `missing` | written | reported, new output left in `NAME.new` |
/// | `all` | written | golden file rewritten |
/// | `never` | reported, new output left in `NAME.new` | reported, new output left in `NAME.new` |
///
/// A comparison given no mode takes it from the environment (``current(in:)``): the variable
/// `LESSONS_RECORD` if set, otherwise `never` on CI (when `CI` is set) and `missing` elsewhere.
/// So a new test records its golden file on a developer's machine, and a missing golden file
/// fails on CI instead of being written there.
///
///     // LESSONS_RECORD=all swift test
///     print(try RecordMode.current())
///     // all
public enum RecordMode: String, Sendable, CaseIterable, CustomStringConvertible {
  /// Write golden files that do not exist yet; compare the others.
  ///
  /// The default on a developer's machine. `LESSONS_RECORD=missing`.
  ///
  ///     print(RecordMode(parsing: "missing") == .missing)
  ///     // true
  case missing

  /// Write every golden file, replacing those that differ: re-record.
  ///
  /// `LESSONS_RECORD=all`, or `LESSONS_RECORD=1` (also `true`, `yes`).
  ///
  ///     print(RecordMode(parsing: "1") == .all)
  ///     // true
  case all

  /// Write no golden file: a missing one is reported like a difference.
  ///
  /// The default when `CI` is set. `LESSONS_RECORD=never`, or `0` (also `false`, `no`).
  ///
  ///     print(RecordMode(parsing: "never") == .never)
  ///     // true
  case never

  /// The environment variable that chooses the mode: `LESSONS_RECORD`.
  ///
  /// Its values: `missing`, `all`, `never` (in any case), `1`/`true`/`yes` for `all`,
  /// `0`/`false`/`no` for `never`; empty means unset. Anything else is an error, so that a
  /// misspelt mode cannot silently record or silently not record.
  ///
  ///     print(RecordMode.environmentVariable)
  ///     // LESSONS_RECORD
  public static let environmentVariable = "LESSONS_RECORD"

  /// The mode a value of `LESSONS_RECORD` names, or nil if it names none.
  ///
  /// Surrounding spaces and case are ignored. The empty string names no mode either: callers
  /// treat it as unset.
  ///
  ///     print(RecordMode(parsing: " ALL ") as Any, RecordMode(parsing: "sometimes") as Any)
  ///     // Optional(all) nil
  public init?(parsing value: String) {
    switch value.trimmingCharacters(in: .whitespaces).lowercased() {
    case "missing": self = .missing
    case "all", "1", "true", "yes": self = .all
    case "never", "0", "false", "no": self = .never
    default: return nil
    }
  }

  /// The mode `environment` asks for: `LESSONS_RECORD` if set, else `never` on CI, else
  /// `missing`.
  ///
  /// An explicit `LESSONS_RECORD` wins even on CI: it is a deliberate choice, and CI scripts
  /// that must never record simply do not set it (or set it to `never`). Throws
  /// ``GoldenFileError/unknownRecordMode(_:)`` for a value that names no mode.
  ///
  ///     print(try RecordMode.current(in: ["CI": "true"]))
  ///     // never
  ///     print(try RecordMode.current(in: ["CI": "true", "LESSONS_RECORD": "1"]))
  ///     // all
  public static func current(
    in environment: [String: String] = ProcessInfo.processInfo.environment
  ) throws(GoldenFileError) -> RecordMode {
    if let value = environment[environmentVariable],
      !value.trimmingCharacters(in: .whitespaces).isEmpty
    {
      guard let mode = RecordMode(parsing: value) else {
        throw .unknownRecordMode(value)
      }
      return mode
    }
    return isContinuousIntegration(environment) ? .never : .missing
  }

  /// True when `environment` says it is a CI run: `CI` is set to anything but empty, `0` or
  /// `false`.
  ///
  /// GitHub Actions, GitLab, Buildkite, CircleCI, Travis and most others set `CI=true`; the
  /// exceptions let a developer write `CI=false` to get the local behaviour back.
  ///
  ///     print(RecordMode.isContinuousIntegration(["CI": "1"]))
  ///     // true
  public static func isContinuousIntegration(_ environment: [String: String]) -> Bool {
    guard let value = environment["CI"] else { return false }
    return !["", "0", "false"].contains(value.trimmingCharacters(in: .whitespaces).lowercased())
  }

  /// The mode's name, as `LESSONS_RECORD` spells it.
  ///
  /// One of `missing`, `all`, `never`.
  ///
  ///     print(RecordMode.never)
  ///     // never
  public var description: String { rawValue }
}
