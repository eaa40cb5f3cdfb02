import CommandLineKit
import Synchronization
import Testing

/// What a program wrote, by stream.
private final class Captured: Sendable {
  private let text = Mutex((output: "", errors: ""))
  var output: String { text.withLock { $0.output } }
  var errors: String { text.withLock { $0.errors } }

  func program(_ commands: [any Command.Type], default main: (any Command.Type)? = nil)
    -> Program
  {
    Program(
      name: "tool", commands: commands, defaultCommand: main,
      output: { piece in self.text.withLock { $0.output += piece } },
      errorOutput: { piece in self.text.withLock { $0.errors += piece } })
  }
}

private enum Greet: ParsableCommand {
  struct Options {
    var name = "world"
    var loud = false
  }
  static let name = "greet"
  static let summary = "say hello"
  static var arguments: ArgumentSet<Options> {
    ArgumentSet(
      Options(),
      options: [
        .flag("--loud", help: "shout", set: \.loud),
        .value("--name", valueName: "NAME", help: "whom to greet", parser: .string, into: \.name),
      ])
  }
  static func run(_ options: Options, in program: Program) -> Int32 {
    program.write(
      options.loud ? "HELLO, \(options.name.uppercased())!\n" : "hello, \(options.name)\n")
    return 0
  }
}

private enum Worker: ParsableCommand {
  static let name = "worker"
  static let summary = "for the program's own use"
  static let isHidden = true
  static var arguments: ArgumentSet<Void> { ArgumentSet(()) }
  static func run(_ options: Void, in program: Program) -> Int32 {
    program.write("working\n")
    return 7
  }
}

private enum Run: ParsableCommand {
  struct Options { var words: [String] = [] }
  static let name = "run"
  static let summary = "the default"
  static let discussion = "Runs things."
  static var arguments: ArgumentSet<Options> {
    ArgumentSet(
      Options(),
      positionals: [
        Positional("WORD", count: .zeroOrMore, help: "a word", parser: .string, appending: \.words)
      ])
  }
  static func usageErrorText(_ error: UsageError, in program: Program) -> String {
    "tool: \(error.message)\nTry 'tool --help'.\n"
  }
  static func run(_ options: Options, in program: Program) -> Int32 {
    program.write("ran \(options.words.joined(separator: " "))\n")
    return 0
  }
}

@Suite("Program")
struct ProgramTests {
  @Test("the first word picks the command, which gets the words after it")
  func dispatch() {
    let captured = Captured()
    let program = captured.program([Greet.self, Worker.self], default: Run.self)
    #expect(program.main(["greet", "--loud", "--name=ada"]) == 0)
    #expect(program.main(["17.4", "greet"]) == 0)
    #expect(program.main([]) == 0)
    #expect(captured.output == "HELLO, ADA!\nran 17.4 greet\nran \n")
  }

  @Test("a hidden command runs when named but help does not list it")
  func hidden() {
    let captured = Captured()
    let program = captured.program([Greet.self, Worker.self], default: Run.self)
    #expect(program.main(["worker"]) == 7)
    #expect(program.main(["--help"]) == 0)
    #expect(
      captured.output.hasPrefix("working\nusage: tool [-h] [WORD ...]\n       tool {greet} ...\n"))
    #expect(captured.output.contains("commands:\n  greet       say hello\n"))
    #expect(!captured.output.contains("worker"))
    #expect(program.listedCommands.map { $0.name } == ["greet"])
  }

  @Test("a command's help is generated; its usage errors go to standard error with status 2")
  func commandHelpAndErrors() {
    let captured = Captured()
    let program = captured.program([Greet.self])
    #expect(program.main(["greet", "-h"]) == 0)
    #expect(captured.output.hasPrefix("usage: tool greet [-h] [--loud] [--name NAME]\n"))
    #expect(!captured.output.contains("commands:"))
    #expect(program.main(["greet", "--nmae", "x"]) == 2)
    #expect(captured.errors == "tool greet: unknown option '--nmae'\n")
  }

  @Test("a command may present its usage errors its own way")
  func presentation() {
    let captured = Captured()
    let program = captured.program([], default: Run.self)
    #expect(program.main(["--bogus"]) == 2)
    #expect(captured.errors == "tool: unknown option '--bogus'\nTry 'tool --help'.\n")
    #expect(captured.output.isEmpty)
  }

  @Test("without a default command: the program's help, and an unknown word is an error")
  func noDefault() {
    let captured = Captured()
    let program = captured.program([Greet.self, Worker.self])
    #expect(program.main(["--help"]) == 0)
    #expect(captured.output.hasPrefix("usage: tool {greet} ...\n\ncommands:\n  greet "))
    #expect(program.main([]) == 2)
    #expect(captured.errors.hasPrefix("usage: tool {greet} ..."))
    #expect(program.main(["nope"]) == 2)
    #expect(captured.errors.hasSuffix("tool: unknown command 'nope' (see 'tool --help')\n"))
  }

  @Test("the invocation of a command is the program's name and its own")
  func invocation() {
    let program = Captured().program([Greet.self], default: Run.self)
    #expect(program.invocation(of: Greet.self) == "tool greet")
    #expect(program.invocation(of: Run.self) == "tool")
    #expect(program.isDefault(Run.self) && !program.isDefault(Greet.self))
  }
}
