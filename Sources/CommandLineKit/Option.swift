/// One option, declared once: its names, its value's name, its help, how its value is read
/// and where it goes. The parser reads arguments with it; `--help` is written from it.
///
/// `Root` is the type the arguments fill in, a struct with every field at its default. An
/// option without a value name is a flag. The first short name (`-l`) and the first long one
/// (`--limit`) are shown; further long names are accepted but not shown (`--max-req` beside
/// `--max_req`). Given twice, an option's last value wins, unless it was declared with
/// `appending:` (it may then repeat).
///
///     struct Values { var limit = Int.max; var all = false; var profiles: [String] = [] }
///     let options: [Option<Values>] = [
///       .flag("-a", "--all", help: "get all available flags", set: \.all),
///       .value("-l", "--limit", valueName: "N", help: "limit to N first codes",
///              parser: .integer, into: \.limit),
///       .value("--profile", valueName: "LABEL", help: "a profile; repeat it for more",
///              parser: .string, appending: \.profiles),
///     ]
///     // help:   -a, --all             get all available flags
///     //         -l N, --limit N       limit to N first codes
///     //         --profile LABEL       a profile; repeat it for more
public struct Option<Root> {
  /// The short names, the shown one first.
  ///
  /// Letters without their dash.
  ///
  ///     limit.shortNames   // ["l"]
  public let shortNames: [Character]
  /// The long names with their dashes, the shown one first.
  ///
  /// The others are aliases, accepted but not shown.
  ///
  ///     maxRequests.longNames   // ["--max_req", "--max-req"]
  public let longNames: [String]
  /// The name of the value in help and usage; nil for a flag.
  ///
  /// argparse's `metavar`.
  ///
  ///     limit.valueName   // "N"
  public let valueName: String?
  /// The help text.
  ///
  /// `\n` starts a new line, and longer lines are wrapped.
  ///
  ///     limit.help   // "limit to N first codes"
  public let help: String
  /// Accepted but left out of help and usage.
  ///
  /// For options kept for old scripts or for the program's own use.
  ///
  ///     limit.isHidden   // false
  public let isHidden: Bool
  let action: Action

  /// What reading the option does.
  enum Action {
    /// Stop reading: the user wants the help.
    case help
    /// Set something in the root.
    case flag((inout Root) -> Void)
    /// Read a value and put it in the root.
    case value((inout Root, String, ValueContext) throws(UsageError) -> Void)
  }

  init(names: [String], valueName: String?, help: String, isHidden: Bool, action: Action) {
    var shortNames: [Character] = []
    var longNames: [String] = []
    for name in names {
      if name.hasPrefix("--"), name.count > 2 {
        longNames.append(name)
      } else if name.hasPrefix("-"), name.count == 2, let letter = name.last, letter != "-" {
        shortNames.append(letter)
      } else {
        preconditionFailure("an option is named -x or --name, not '\(name)'")
      }
    }
    precondition(!names.isEmpty, "an option needs a name")
    self.shortNames = shortNames
    self.longNames = longNames
    self.valueName = valueName
    self.help = help
    self.isHidden = isHidden
    self.action = action
  }

  /// Whether the option takes a value.
  ///
  /// Flags do not; a flag written with one (`--virtual=1`) is a usage error.
  ///
  ///     Option<Bool>.flag("-v", help: "", set: \.self).takesValue   // false
  public var takesValue: Bool { valueName != nil }

  /// How messages about its value name it: the shown long name, else the short one.
  ///
  /// The same in every ``UsageStyle``, so a shared option reads the same everywhere.
  ///
  ///     Option<Int>.value("-l", "--limit", valueName: "N", help: "", parser: .integer,
  ///                       into: \.self).messageName   // "--limit"
  public var messageName: String {
    longNames.first ?? shortNames.first.map { "-\($0)" } ?? ""
  }

  /// The shown names joined by `/`, as argparse names an option (`-m/--max_req`).
  ///
  /// Aliases are left out, as they are from help.
  ///
  ///     Option<Bool>.flag("-v", "--verbose", help: "", set: \.self).slashedNames
  ///     // "-v/--verbose"
  public var slashedNames: String {
    (shortNames.prefix(1).map { "-\($0)" } + longNames.prefix(1)).joined(separator: "/")
  }

  /// The option as help lists it: `-l N, --limit N`, `-a, --all`, `--url BASE`.
  ///
  /// Each shown name carries the value name, as argparse writes it.
  ///
  ///     Option<Bool>.flag("-a", "--all", help: "", set: \.self).invocation   // "-a, --all"
  public var invocation: String {
    let names = shortNames.prefix(1).map { "-\($0)" } + longNames.prefix(1)
    return names.map { name in valueName.map { "\(name) \($0)" } ?? name }
      .joined(separator: ", ")
  }

  /// The option as the usage line shows it: `[-l N]`, `[--url BASE]`, `[-a]`.
  ///
  /// The short name is preferred, as argparse prefers the first name declared.
  ///
  ///     Option<Bool>.flag("-a", "--all", help: "", set: \.self).usagePart   // "[-a]"
  public var usagePart: String {
    let name = shortNames.first.map { "-\($0)" } ?? longNames.first ?? ""
    return "[" + name + (valueName.map { " \($0)" } ?? "") + "]"
  }

  /// The context its value is read in, for a program of `style`.
  func context(_ style: UsageStyle) -> ValueContext {
    ValueContext(
      name: messageName, names: slashedNames, valueName: valueName ?? "", style: style)
  }

  /// The same option filling in the `Root` found at `path` in a bigger `Outer`.
  ///
  /// How an ``OptionGroup`` joins the arguments of a command.
  ///
  ///     let lifted: Option<Outer> = option.lifted(\Outer.runtime)
  public func lifted<Outer>(_ path: WritableKeyPath<Outer, Root>) -> Option<Outer> {
    let action: Option<Outer>.Action
    switch self.action {
    case .help: action = .help
    case .flag(let set): action = .flag { outer in set(&outer[keyPath: path]) }
    case .value(let apply):
      action = .value {
        (outer: inout Outer, text: String, context: ValueContext) throws(UsageError) in
        try apply(&outer[keyPath: path], text, context)
      }
    }
    return Option<Outer>(
      names: shortNames.map { "-\($0)" } + longNames, valueName: valueName, help: help,
      isHidden: isHidden, action: action)
  }
}

extension Option {
  /// `-h, --help`: stops reading the arguments and asks for the help.
  ///
  /// ``ArgumentSet`` puts it first in every command, as argparse does.
  ///
  ///     // -h, --help            show this help message and exit
  public static var helpFlag: Option {
    Option(
      names: ["-h", "--help"], valueName: nil, help: "show this help message and exit",
      isHidden: false, action: .help)
  }

  /// A flag that sets a `Bool` to true.
  ///
  /// Given twice, it is still just true.
  ///
  ///     .flag("-v", "--verbose", help: "output detailed progress info", set: \.verbose)
  public static func flag(
    _ names: String..., help: String, hidden: Bool = false, set path: WritableKeyPath<Root, Bool>
  ) -> Option {
    Option(
      names: names, valueName: nil, help: help, isHidden: hidden,
      action: .flag { root in root[keyPath: path] = true })
  }

  /// A flag that does what `action` does to the root.
  ///
  /// For a flag that sets more than one field, or a field that is not a `Bool`.
  ///
  ///     .flag("--virtual", help: "…", action: { $0.mode = .virtual })
  public static func flag(
    _ names: String..., help: String, hidden: Bool = false,
    action: @escaping (inout Root) -> Void
  ) -> Option {
    Option(names: names, valueName: nil, help: help, isHidden: hidden, action: .flag(action))
  }

  /// An option whose value, read by `parser`, goes to `path`.
  ///
  /// Given twice, the last value wins (as with argparse).
  ///
  ///     .value("-l", "--limit", valueName: "N", help: "limit to N first codes",
  ///            parser: .integer, into: \.limit)
  public static func value<Value>(
    _ names: String..., valueName: String, help: String, hidden: Bool = false,
    parser: ValueParser<Value>, into path: WritableKeyPath<Root, Value>
  ) -> Option {
    Option(
      names: names, valueName: valueName, help: help, isHidden: hidden,
      action: .value { (root: inout Root, text: String, context: ValueContext) throws(UsageError) in
        root[keyPath: path] = try parser.parse(text, context)
      })
  }

  /// An option whose value, read by `parser`, goes to an optional `path` (nil until given).
  ///
  /// Given twice, the last value wins.
  ///
  ///     .value("--url", valueName: "BASE", help: "…", parser: .string, into: \.url)
  public static func value<Value>(
    _ names: String..., valueName: String, help: String, hidden: Bool = false,
    parser: ValueParser<Value>, into path: WritableKeyPath<Root, Value?>
  ) -> Option {
    Option(
      names: names, valueName: valueName, help: help, isHidden: hidden,
      action: .value { (root: inout Root, text: String, context: ValueContext) throws(UsageError) in
        root[keyPath: path] = try parser.parse(text, context)
      })
  }

  /// A repeatable option: each value, read by `parser`, is appended to `path`.
  ///
  /// `--profile delay --profile error` gives two values, in order.
  ///
  ///     .value("--set", valueName: "NAME=VALUE", help: "…", parser: .string,
  ///            appending: \.settings)
  public static func value<Value>(
    _ names: String..., valueName: String, help: String, hidden: Bool = false,
    parser: ValueParser<Value>, appending path: WritableKeyPath<Root, [Value]>
  ) -> Option {
    Option(
      names: names, valueName: valueName, help: help, isHidden: hidden,
      action: .value { (root: inout Root, text: String, context: ValueContext) throws(UsageError) in
        root[keyPath: path].append(try parser.parse(text, context))
      })
  }

  /// An option whose value, read by `parser`, is handed to `action` with the root.
  ///
  /// For a value that fills in more than one field, or adds several values at once.
  ///
  ///     .value("--profile", valueName: "LABEL", help: "…", parser: labels,
  ///            action: { root, labels in root.labels += labels })
  public static func value<Value>(
    _ names: String..., valueName: String, help: String, hidden: Bool = false,
    parser: ValueParser<Value>, action: @escaping (inout Root, Value) -> Void
  ) -> Option {
    Option(
      names: names, valueName: valueName, help: help, isHidden: hidden,
      action: .value { (root: inout Root, text: String, context: ValueContext) throws(UsageError) in
        action(&root, try parser.parse(text, context))
      })
  }
}
