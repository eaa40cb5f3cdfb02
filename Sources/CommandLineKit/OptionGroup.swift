/// Options that belong together and travel together: declared once with their own values
/// type and their own checks, then included in any command that wants them.
///
/// ``ArgumentSet/including(_:at:section:)`` puts the group's options in a section of the
/// command's help and runs its check before the command's own.
/// ``RuntimeOptions/group(speed:virtualHelp:seedHelp:speedHelp:)`` is the one every command
/// that runs lessons code includes.
///
///     struct Verbosity { var verbose = false; var quiet = false }
///     let group = OptionGroup<Verbosity>(
///       options: [
///         .flag("-v", "--verbose", help: "say more", set: \.verbose),
///         .flag("-q", "--quiet", help: "say less", set: \.quiet),
///       ]
///     ) { values throws(UsageError) in
///       if values.verbose && values.quiet { throw UsageError("-v and -q contradict") }
///     }
public struct OptionGroup<Values> {
  /// The options, in help's order.
  ///
  /// They join the section the command includes the group in.
  ///
  ///     RuntimeOptions.group().options.map(\.messageName)   // ["--virtual", "--seed", "--speed"]
  public var options: [Option<Values>]
  /// What needs the whole group read; nil for nothing.
  ///
  /// It runs before the command's own check.
  ///
  ///     RuntimeOptions.group().check != nil   // true
  public var check: ArgumentCheck<Values>?

  /// A group of `options`, checked by `check`.
  ///
  /// The check sees the group's values only.
  ///
  ///     OptionGroup(options: [.flag("--virtual", help: "…", set: \.virtual)])
  public init(options: [Option<Values>], check: ArgumentCheck<Values>? = nil) {
    self.options = options
    self.check = check
  }
}

/// A check that needs every argument read (two options that contradict each other, a value
/// whose meaning depends on another): it may also complete the values, and throws a
/// ``UsageError`` when they will not do.
///
///     let check: ArgumentCheck<Values> = { values throws(UsageError) in
///       if values.limit < 1 { throw UsageError("--limit N must be >= 1") }
///     }
public typealias ArgumentCheck<Values> = (inout Values) throws(UsageError) -> Void
