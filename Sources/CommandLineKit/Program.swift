import ConcurrencyRuntime

/// A program of commands: the registry that dispatches by the first word.
///
/// The first argument that names a command runs it with the rest; any other first word
/// (or none) goes to the default command, if there is one, with every argument (`lessons
/// 17.4 --virtual`). Without a default command, no arguments or `-h`/`--help` show the
/// program's help, and an unknown word is a usage error. Hidden commands run when named but
/// are left out of help.
///
///     let program = Program(
///       name: "lessons", commands: [ServeCommand.self, Flags2Command.self],
///       defaultCommand: RunCommand.self)
///     exit(program.main(["serve", "--port", "9000"]))   // runs ServeCommand
public struct Program: Sendable {
  /// The program's name, as messages and usage give it.
  ///
  /// Not read from `argv[0]`, so that messages do not depend on how it was started.
  ///
  ///     program.name   // "lessons"
  public var name: String
  /// Prose under the usage in the program's own help.
  ///
  /// Shown only by a program without a default command (whose help is its own).
  ///
  ///     program.discussion   // "Release-built measurements that …"
  public var discussion: String
  /// The commands a first word can pick.
  ///
  /// Help lists them in this order, hidden ones left out.
  ///
  ///     program.commands.map { $0.name }   // ["serve", "flags2", "list"]
  public var commands: [any Command.Type]
  /// The command that runs when the first word names none.
  ///
  /// It gets every argument, the first word included.
  ///
  ///     program.defaultCommand.map { $0.name }   // "run"
  public var defaultCommand: (any Command.Type)?
  /// Where help and a command's output go.
  ///
  /// Standard output unless a test says otherwise.
  ///
  ///     program.output("hello\n")   // hello
  public var output: @Sendable (String) -> Void
  /// Where usage errors go.
  ///
  /// Standard error unless a test says otherwise.
  ///
  ///     program.errorOutput("lessons: oops\n")   // lessons: oops (on standard error)
  public var errorOutput: @Sendable (String) -> Void

  /// A program named `name` with its commands.
  ///
  /// Output goes through ``StandardStream``, so the process's policy for failed writes
  /// applies to help and messages too.
  ///
  ///     Program(name: "lessons-bench", commands: [FuturesBenchmark.self, FlagsBenchmark.self])
  public init(
    name: String, discussion: String = "", commands: [any Command.Type],
    defaultCommand: (any Command.Type)? = nil,
    output: @escaping @Sendable (String) -> Void = { StandardStream.output.write($0) },
    errorOutput: @escaping @Sendable (String) -> Void = { StandardStream.error.write($0) }
  ) {
    self.name = name
    self.discussion = discussion
    self.commands = commands
    self.defaultCommand = defaultCommand
    self.output = output
    self.errorOutput = errorOutput
  }

  /// Runs the command the arguments (without the program's name) pick; returns the exit
  /// status.
  ///
  /// 0 for help, 2 for a usage error, otherwise the command's status.
  ///
  ///     program.main(Array(CommandLine.arguments.dropFirst()))
  public func main(_ arguments: [String]) -> Int32 {
    if let first = arguments.first, let command = commands.first(where: { $0.name == first }) {
      return command.main(Array(arguments.dropFirst()), in: self)
    }
    if let defaultCommand {
      return defaultCommand.main(arguments, in: self)
    }
    guard let first = arguments.first else {
      writeError(help)
      return 2
    }
    if first == "-h" || first == "--help" {
      write(help)
      return 0
    }
    writeError("\(name): unknown command '\(first)' (see '\(name) --help')\n")
    return 2
  }

  /// The words that run `command`: `lessons serve`, or `lessons` for the default command.
  ///
  /// What usage lines and messages start with.
  ///
  ///     program.invocation(of: ServeCommand.self)   // "lessons serve"
  public func invocation(of command: any Command.Type) -> String {
    isDefault(command) ? name : "\(name) \(command.name)"
  }

  /// Whether `command` is the default command.
  ///
  /// Its help lists the other commands.
  ///
  ///     program.isDefault(RunCommand.self)   // true
  public func isDefault(_ command: any Command.Type) -> Bool {
    defaultCommand.map { ObjectIdentifier($0) == ObjectIdentifier(command) } ?? false
  }

  /// The commands help lists: every one but the hidden ones, in order.
  ///
  /// The default command is not among them unless it was also registered.
  ///
  ///     program.listedCommands.map { $0.name }   // ["serve", "flags2"]
  public var listedCommands: [any Command.Type] { commands.filter { !$0.isHidden } }

  /// The `commands` section of help: each listed command with its summary.
  ///
  /// Empty when there is none to list.
  ///
  ///     //   commands:
  ///     //     serve       the loopback flag server (see 'lessons serve --help')
  public var commandSections: [HelpSection] {
    let rows = listedCommands.map { HelpRow($0.name, $0.summary) }
    return rows.isEmpty ? [] : [HelpSection(title: "commands", rows: rows)]
  }

  /// The usage line of the commands, argparse's way: `lessons {serve,flags2} ...`.
  ///
  /// Empty when there is none to list.
  ///
  ///     program.commandUsage   // ["lessons {serve,flags2} ..."]
  public var commandUsage: [String] {
    let names = listedCommands.map { $0.name }
    return names.isEmpty ? [] : ["\(name) {\(names.joined(separator: ","))} ..."]
  }

  /// The program's own help, for a program without a default command.
  ///
  /// The usage of its commands, ``discussion``, then the commands and their summaries.
  ///
  ///     // usage: lessons-bench {futures,flags} ...
  ///     //
  ///     // commands:
  ///     //   futures     ThreadPoolExecutor throughput: submit+result, map, as_completed
  public var help: String {
    let help = Option<Void>.helpFlag
    return HelpLayout.help(
      usage: "usage: \(commandUsage.first ?? name)\n", description: discussion,
      sections: commandSections
        + [HelpSection(title: "options", rows: [HelpRow(help.invocation, help.help)])],
      epilog: "Run '\(name) COMMAND --help' for a command's options.")
  }

  /// Writes `text` to the program's output.
  ///
  /// For commands' help and results.
  ///
  ///     program.write("Stopped.\n")
  public func write(_ text: String) { output(text) }

  /// Writes `text` to the program's error output.
  ///
  /// For usage errors and failures.
  ///
  ///     program.writeError("error: port 8001 is in use\n")
  public func writeError(_ text: String) { errorOutput(text) }
}
