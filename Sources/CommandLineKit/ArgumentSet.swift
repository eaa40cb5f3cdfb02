/// Everything a command's arguments can say, declared once: the options (in help sections),
/// the positionals, the checks, the defaults and the ``UsageStyle`` of the messages. It reads
/// the arguments (``parse(_:)``) and writes the usage and the help from the same declarations.
///
/// The syntax is argparse's: short flags cluster (`-al 100`, `-vs ERROR`), a short option
/// takes the rest of its cluster as its value (`-l5`), long options take `--name value` or
/// `--name=value`, `--` ends the options, a value may look negative (`--speed -3`, read and
/// refused by its parser rather than taken for an option), and `-h`/`--help` stops reading.
///
///     struct Values { var limit = Int.max; var all = false; var codes: [String] = [] }
///     let arguments = ArgumentSet(
///       Values(),
///       options: [
///         .flag("-a", "--all", help: "get all available flags", set: \.all),
///         .value("-l", "--limit", valueName: "N", help: "limit to N first codes",
///                parser: .integer, into: \.limit),
///       ],
///       positionals: [
///         Positional("CC", help: "country code", parser: .string, appending: \.codes)
///       ])
///     try arguments.parse(["-al5", "--", "-x"])   // .values(limit 5, all, codes ["-x"])
///     print(arguments.usage(for: "flags"), terminator: "")
///     // usage: flags [-h] [-a] [-l N] [CC ...]
public struct ArgumentSet<Root> {
  /// The values before any argument is read.
  ///
  /// Each argument changes a copy of them.
  ///
  ///     ArgumentSet(Values()).defaults.limit   // Int.max
  public var defaults: Root
  /// The words of the parser's own messages.
  ///
  /// ``UsageStyle/argparse`` for a program that keeps the book's messages.
  ///
  ///     ArgumentSet(Values(), style: .argparse).style   // .argparse
  public var style: UsageStyle
  /// The options, by help section.
  ///
  /// The first section is `options` and starts with `-h, --help`.
  ///
  ///     arguments.sections.map(\.title)   // ["options", "options of this port"]
  public private(set) var sections: [OptionSection<Root>]
  /// The positionals, in order.
  ///
  /// Words that are not options fill them in this order.
  ///
  ///     arguments.positionals.map(\.name)   // ["CC"]
  public var positionals: [Positional<Root>]
  /// The checks of the included groups, run in order once every argument is read.
  private var groupChecks: [ArgumentCheck<Root>] = []
  /// The command's own check, run after the groups'.
  private var check: ArgumentCheck<Root>?

  /// The arguments of a command whose values start as `defaults`.
  ///
  /// `options` make the `options` section, after `-h, --help`; ``adding(_:section:)`` and
  /// ``including(_:at:section:)`` add more. `check` runs once every argument is read, in
  /// the order it chooses, and may complete the values.
  ///
  ///     ArgumentSet(Values(), style: .argparse, options: [...], positionals: [...]) {
  ///       values throws(UsageError) in
  ///       if values.limit < 1 { throw UsageError("--limit N must be >= 1") }
  ///     }
  public init(
    _ defaults: Root, style: UsageStyle = .plain, options: [Option<Root>] = [],
    positionals: [Positional<Root>] = [], check: ArgumentCheck<Root>? = nil
  ) {
    self.defaults = defaults
    self.style = style
    self.sections = [OptionSection(title: "options", options: [.helpFlag])]
    self.positionals = positionals
    // One check rather than an array of them: a typed-throws closure literal inside an
    // array literal crashes Swift 6.3.1's SILGen.
    self.check = check
    self = adding(options, section: "options")
  }

  /// Every option, in the order usage lists them.
  ///
  /// The order of the sections, and within each the order of declaration.
  ///
  ///     arguments.options.map(\.invocation)   // ["-h, --help", "-a, --all", "-l N, --limit N"]
  public var options: [Option<Root>] { sections.flatMap(\.options) }

  /// These arguments with `options` added at the end of the section titled `title` (a new
  /// section, after the others, when there is none).
  ///
  /// A name declared twice is a programming error and stops the program at once.
  ///
  ///     arguments.adding([.flag("--virtual", help: "…", set: \.virtual)],
  ///                      section: "options of this port")
  public func adding(_ options: [Option<Root>], section title: String) -> ArgumentSet {
    var copy = self
    for option in options {
      for other in copy.options {
        precondition(
          Set(option.shortNames).isDisjoint(with: other.shortNames)
            && Set(option.longNames).isDisjoint(with: other.longNames),
          "\(option.invocation) is declared twice")
      }
    }
    if let index = copy.sections.firstIndex(where: { $0.title == title }) {
      copy.sections[index].options += options
    } else {
      copy.sections.append(OptionSection(title: title, options: options))
    }
    return copy
  }

  /// These arguments with a group's options added to section `title`, filling in the values
  /// at `path`; the group's check runs before the command's.
  ///
  /// The same group can join any number of commands, each with its own values type.
  ///
  ///     arguments.including(RuntimeOptions.group(), at: \.runtime)
  public func including<Values>(
    _ group: OptionGroup<Values>, at path: WritableKeyPath<Root, Values>,
    section title: String = "options"
  ) -> ArgumentSet {
    var copy = adding(group.options.map { $0.lifted(path) }, section: title)
    if let check = group.check { copy.groupChecks.append(Self.lift(check, path)) }
    return copy
  }

  /// `check` made to check the values at `path` in the root.
  ///
  /// A function of its own: the same closure written inside `including` crashes Swift
  /// 6.3.1's SILGen.
  private static func lift<Values>(
    _ check: @escaping ArgumentCheck<Values>, _ path: WritableKeyPath<Root, Values>
  ) -> ArgumentCheck<Root> {
    { (root: inout Root) throws(UsageError) -> Void in try check(&root[keyPath: path]) }
  }

  /// Reads `words` (the arguments after the command's name): the values they ask for, or
  /// ``Parsed/help`` if `-h` or `--help` came before any mistake.
  ///
  /// Throws the first mistake found, in the order of the arguments, then the checks' in
  /// theirs.
  ///
  ///     try arguments.parse(["-l", "ten"])
  ///     // throws: argument -l/--limit: invalid int value: 'ten'   (argparse style)
  public func parse(_ words: [String]) throws(UsageError) -> Parsed<Root> {
    var reader = ArgumentReader(self, words: words)
    guard var root = try reader.read() else { return .help }
    for check in groupChecks { try check(&root) }
    try check?(&root)
    return .values(root)
  }

  /// The usage lines for `command` (the words that run it, `lessons flags2 async`), wrapped
  /// as argparse wraps them for 80 columns; `alternatives` are more lines under it, such as
  /// `lessons {serve,flags2} ...`.
  ///
  /// Ends with a newline.
  ///
  ///     arguments.usage(for: "lessons serve")
  ///     // usage: lessons serve [-h] [--profile LABEL] [--port N] [--delay S]
  ///     //                      [--error-rate R] [--seed N] [-v]
  public func usage(for command: String, alternatives: [String] = []) -> String {
    HelpLayout.usage(
      command: command, optionParts: options.filter { !$0.isHidden }.map(\.usagePart),
      positionalParts: positionals.map(\.usagePart), alternatives: alternatives)
  }

  /// The whole help: the usage, `description`, the `extra` sections (such as a list of
  /// commands), the positionals, the option sections and `epilog`, laid out as argparse lays
  /// them out for 80 columns.
  ///
  /// The prose is kept as written; help texts are wrapped to their column. Ends with a
  /// newline.
  ///
  ///     arguments.help(for: "lessons flags2 async", description: "Download flags …")
  ///     // usage: lessons flags2 async [-h] [-a] [-e] [-l N] [-m CONCURRENT] [-s LABEL]
  ///     // …
  ///     // options:
  ///     //   -h, --help            show this help message and exit
  public func help(
    for command: String, description: String = "", extra: [HelpSection] = [],
    epilog: String = "", alternatives: [String] = []
  ) -> String {
    var sections = extra
    if !positionals.isEmpty {
      sections.append(
        HelpSection(
          title: "positional arguments",
          rows: positionals.map { HelpRow($0.name, $0.help) }))
    }
    for section in self.sections {
      let shown = section.options.filter { !$0.isHidden }
      if shown.isEmpty { continue }
      sections.append(
        HelpSection(title: section.title, rows: shown.map { HelpRow($0.invocation, $0.help) }))
    }
    return HelpLayout.help(
      usage: usage(for: command, alternatives: alternatives), description: description,
      sections: sections, epilog: epilog)
  }
}

/// What the arguments asked for: the help, or values to run with.
///
/// A command shows the help and stops, or runs with the values.
///
///     switch try arguments.parse(words) {
///     case .help: print(arguments.help(for: "lessons serve"))
///     case .values(let values): run(values)
///     }
public enum Parsed<Root> {
  /// `-h` or `--help` was given: show the help and do nothing else.
  ///
  /// Whatever came after it was not read.
  ///
  ///     try arguments.parse(["--help", "--bogus"])   // .help
  case help
  /// The values, every check passed.
  ///
  /// Ready to run with.
  ///
  ///     try arguments.parse(["-a"])   // .values(Values(all: true))
  case values(Root)

  /// The values, or nil for ``help``.
  ///
  /// Handy in tests.
  ///
  ///     try arguments.parse(["-a"]).values?.all   // true
  public var values: Root? {
    if case .values(let root) = self { return root }
    return nil
  }
}

/// A titled section of options in help (`options`, `options of this port`).
///
/// Usage lists the options of every section, in order; help shows each section apart.
///
///     OptionSection(title: "options of this port", options: [...])
///     // options of this port:
///     //   --url BASE            download from BASE, …
public struct OptionSection<Root> {
  /// The title, without its colon.
  ///
  /// Help adds the colon.
  ///
  ///     section.title   // "options of this port"
  public var title: String
  /// The options, in order.
  ///
  /// Hidden ones are left out of help.
  ///
  ///     section.options.map(\.invocation)   // ["--url BASE", "--dest DIR"]
  public var options: [Option<Root>]

  /// A section titled `title`.
  ///
  /// Usually made by ``ArgumentSet/adding(_:section:)``.
  ///
  ///     OptionSection<Values>(title: "options", options: [.helpFlag])
  public init(title: String, options: [Option<Root>]) {
    self.title = title
    self.options = options
  }
}
