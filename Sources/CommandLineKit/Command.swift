/// A command of a ``Program``: a type with a name, a one-line summary and a `main`.
///
/// The program picks it by the first word of the arguments (`lessons serve …`) and hands it
/// the words after that one. Most commands are ``ParsableCommand``s, whose `main` is written
/// for them from their declarations; a command that reads its words another way (`lessons
/// flags2 STYLE …`, whose first word picks a style) writes its own. (It refines
/// `SendableMetatype` so that a `Sendable` ``Program`` may hold command types.)
///
///     enum Hello: Command {
///       static let name = "hello"
///       static let summary = "say hello"
///       static func main(_ arguments: [String], in program: Program) -> Int32 {
///         program.write("hello\n")
///         return 0
///       }
///     }
///     // lessons hello
///     // hello
public protocol Command: SendableMetatype {
  /// The word that selects it.
  ///
  /// Also how usage and messages name it, after the program's name.
  ///
  ///     ServeCommand.name   // "serve"
  static var name: String { get }
  /// One line for the program's list of commands.
  ///
  /// Short enough to fit beside the name in 80 columns.
  ///
  ///     ServeCommand.summary   // "the loopback flag server (see 'lessons serve --help')"
  static var summary: String { get }
  /// Whether help leaves it out (a command for the program's own use, such as `worker`).
  ///
  /// A hidden command still runs when named.
  ///
  ///     WorkerCommand.isHidden   // true
  static var isHidden: Bool { get }
  /// Runs with the words after the command's name; returns the exit status.
  ///
  /// 0 done, 1 failed, 2 usage error.
  ///
  ///     Hello.main([], in: program)   // prints hello, returns 0
  static func main(_ arguments: [String], in program: Program) -> Int32
}

extension Command {
  /// Shown in help unless a command says otherwise.
  ///
  /// Declare `static let isHidden = true` to hide one.
  ///
  ///     Hello.isHidden   // false
  public static var isHidden: Bool { false }
}

/// A command whose arguments are an ``ArgumentSet``: its `main` parses them, shows the help
/// or the usage error, and calls ``run(_:in:)`` with the values.
///
/// A usage error is one line on standard error, `PROGRAM COMMAND: MESSAGE` (or `PROGRAM:
/// MESSAGE` for the default command), and exit status 2, unless the command presents its
/// errors another way (``usageErrorText(_:in:)``).
///
///     enum Greet: ParsableCommand {
///       struct Options { var name = "world"; var loud = false }
///       static let name = "greet"
///       static let summary = "say hello to someone"
///       static var arguments: ArgumentSet<Options> {
///         ArgumentSet(Options(), options: [
///           .flag("--loud", help: "shout", set: \.loud),
///           .value("--name", valueName: "NAME", help: "whom to greet", parser: .string,
///                  into: \.name),
///         ])
///       }
///       static func run(_ options: Options, in program: Program) -> Int32 {
///         program.write(options.loud ? "HELLO, \(options.name.uppercased())!\n" : "hello\n")
///         return 0
///       }
///     }
///     // lessons greet --loud --name=ada
///     // HELLO, ADA!
///     // lessons greet --nmae x
///     // lessons greet: unknown option '--nmae'      (standard error, exit status 2)
public protocol ParsableCommand: Command {
  /// The values its arguments fill in.
  ///
  /// A struct with every field at its default, usually.
  ///
  ///     Greet.Options().name   // "world"
  associatedtype Options
  /// Its options, positionals and checks.
  ///
  /// Read by `main`, written out by `--help`.
  ///
  ///     Greet.arguments.usage(for: "lessons greet")
  ///     // usage: lessons greet [-h] [--loud] [--name NAME]
  static var arguments: ArgumentSet<Options> { get }
  /// Prose shown after the usage in help.
  ///
  /// Empty for none.
  ///
  ///     Greet.discussion   // ""
  static var discussion: String { get }
  /// Prose shown at the end of help.
  ///
  /// Empty for none.
  ///
  ///     RunCommand.epilog.hasPrefix("Exit status:")   // true
  static var epilog: String { get }
  /// Runs with the values; returns the exit status.
  ///
  /// Called only when every check passed.
  ///
  ///     Greet.run(Greet.Options(), in: program)   // prints hello, returns 0
  static func run(_ options: Options, in program: Program) -> Int32
  /// What standard error shows for a usage error, ending with a newline.
  ///
  /// The command's presentation; the exit status is 2 whatever it says.
  ///
  ///     Greet.usageErrorText(UsageError("oops"), in: program)   // "lessons greet: oops\n"
  static func usageErrorText(_ error: UsageError, in program: Program) -> String
  /// The same, for a command whose presentation depends on the command line it was given
  /// (an option that picks the language of the messages, read before parsing failed).
  ///
  /// By default, ``usageErrorText(_:in:)``.
  ///
  ///     RunCommand.usageErrorText(error, in: program, arguments: ["--lang", "ko", "--x"])
  static func usageErrorText(_ error: UsageError, in program: Program, arguments: [String])
    -> String
}

extension ParsableCommand {
  /// No prose after the usage.
  ///
  /// Override with a paragraph or two.
  ///
  ///     static let discussion = "Runs the flag site on 127.0.0.1 until interrupted."
  public static var discussion: String { "" }

  /// No prose at the end.
  ///
  /// Override with what help should end with (exit statuses, notes).
  ///
  ///     static let epilog = "Exit status: 0 when …"
  public static var epilog: String { "" }

  /// `PROGRAM COMMAND: MESSAGE`, one line.
  ///
  /// The default presentation; override it to add a hint or the usage.
  ///
  ///     // lessons serve: --port must be between 1 and 65535, not '0'
  public static func usageErrorText(_ error: UsageError, in program: Program) -> String {
    "\(program.invocation(of: self)): \(error.message)\n"
  }

  /// ``usageErrorText(_:in:)``, whatever the command line was.
  public static func usageErrorText(
    _ error: UsageError, in program: Program, arguments: [String]
  ) -> String {
    usageErrorText(error, in: program)
  }

  /// The help, generated from ``arguments``; the default command's also lists the program's
  /// other commands.
  ///
  /// What `--help` prints.
  ///
  ///     print(Greet.help(in: program), terminator: "")
  ///     // usage: lessons greet [-h] [--loud] [--name NAME]
  ///     //
  ///     // options:
  ///     //   -h, --help   show this help message and exit
  ///     // …
  public static func help(in program: Program) -> String {
    let isDefault = program.isDefault(self)
    return arguments.help(
      for: program.invocation(of: self), description: discussion,
      extra: isDefault ? program.commandSections : [], epilog: epilog,
      alternatives: isDefault ? program.commandUsage : [])
  }

  /// The usage lines, generated from ``arguments``.
  ///
  /// For presentations that show the usage with an error.
  ///
  ///     Greet.usage(in: program)   // "usage: lessons greet [-h] [--loud] [--name NAME]\n"
  public static func usage(in program: Program) -> String {
    arguments.usage(
      for: program.invocation(of: self),
      alternatives: program.isDefault(self) ? program.commandUsage : [])
  }

  /// Parses `arguments`, then shows the help (status 0), shows the usage error (status 2),
  /// or runs.
  ///
  /// The help goes to standard output, the error to standard error.
  ///
  ///     Greet.main(["--loud"], in: program)   // prints HELLO, WORLD!, returns 0
  public static func main(_ arguments: [String], in program: Program) -> Int32 {
    let parsed: Parsed<Options>
    do {
      parsed = try self.arguments.parse(arguments)
    } catch {
      program.writeError(usageErrorText(error, in: program, arguments: arguments))
      return 2
    }
    switch parsed {
    case .help:
      program.write(help(in: program))
      return 0
    case .values(let options):
      return run(options, in: program)
    }
  }
}
