import Lessons
import Notebook
import Runtime

/// What `lessons SECTION [options]` asked for.
struct RunOptions: Equatable {
  /// The sections to run, in order.
  var sectionIDs: [String] = []
  var virtual = false
  var seed: UInt64?
  var speed: Double?
  var help = false

  /// The runtime these options select.
  var configuration: RuntimeConfiguration {
    virtual ? .virtual(seed: seed) : .live(speed: speed ?? 1)
  }

  /// Parses the arguments after the program name; every mistake is one clear sentence.
  static func parse(_ arguments: [String]) throws(CommandLineError) -> RunOptions {
    var options = RunOptions()
    var rest = arguments[...]
    while let argument = rest.popFirst() {
      let (name, inlineValue) = split(argument)
      func value() throws(CommandLineError) -> String {
        if let inlineValue { return inlineValue }
        guard let next = rest.popFirst() else {
          throw CommandLineError("\(name) needs a value (see 'lessons --help')")
        }
        return next
      }
      switch name {
      case "-h", "--help":
        options.help = true
      case "--virtual":
        options.virtual = true
      case "--seed":
        let text = try value()
        guard let seed = UInt64(text) else {
          throw CommandLineError(
            "--seed must be a whole number from 0 to \(UInt64.max), not '\(text)'")
        }
        options.seed = seed
        options.virtual = true
      case "--speed":
        let text = try value()
        guard let speed = Double(text), Runtime.speeds.contains(speed) else {
          throw CommandLineError(
            "--speed must be from 0.01 to 1000 (such as 2 or 0.5), not '\(text)'")
        }
        options.speed = speed
      default:
        if argument.hasPrefix("-") && Double(argument) == nil {
          throw CommandLineError("unknown option '\(argument)' (see 'lessons --help')")
        }
        options.sectionIDs += try sections(named: argument)
      }
    }
    if options.virtual && options.speed != nil {
      throw CommandLineError("--speed is for live runs; virtual time has no speed to set")
    }
    return options
  }

  private static func split(_ argument: String) -> (String, String?) {
    guard argument.hasPrefix("--"), let equals = argument.firstIndex(of: "=") else {
      return (argument, nil)
    }
    return (String(argument[..<equals]), String(argument[argument.index(after: equals)...]))
  }

  private static func sections(named name: String) throws(CommandLineError) -> [String] {
    if name == "all" { return Catalog.sections.map(\.id) }
    guard Catalog.section(name) != nil else {
      let valid = Catalog.sections.map(\.id).joined(separator: ", ")
      throw CommandLineError("unknown section '\(name)': choose one of \(valid), or all")
    }
    return [name]
  }
}
