import CommandLineKit
import Testing

/// The values of a small argparse-like program, as the book's `flags2` has them.
private struct Values: Equatable {
  var all = false
  var every = false
  var verbose = false
  var limit = Int.max
  var server = "LOCAL"
  var url: String?
  var profiles: [String] = []
  var speed: Double?
  var codes: [String] = []
}

private func arguments(_ style: UsageStyle = .plain) -> ArgumentSet<Values> {
  ArgumentSet(
    Values(), style: style,
    options: [
      .flag("-a", "--all", help: "get all available flags (AD to ZW)", set: \.all),
      .flag("-e", "--every", help: "get flags for every possible code (AA...ZZ)", set: \.every),
      .value(
        "-l", "--limit", valueName: "N", help: "limit to N first codes", parser: .integer,
        into: \.limit),
      .value(
        "-s", "--server", "--site", valueName: "LABEL", help: "Server to hit", parser: .string,
        into: \.server),
      .flag("-v", "--verbose", help: "output detailed progress info", set: \.verbose),
      .value("--url", valueName: "BASE", help: "where from", parser: .string, into: \.url),
      .value(
        "--profile", valueName: "LABEL", help: "a profile; repeat it", parser: .string,
        appending: \.profiles),
      .value(
        "--speed", valueName: "X", help: "how fast", parser: .number(in: 0.01...1000),
        into: \.speed),
      .flag("--secret", help: "not shown", hidden: true, set: \.every),
    ],
    positionals: [
      Positional(
        "CC", count: .zeroOrMore, help: "country code", parser: .string, appending: \.codes)
    ])
}

private func parse(_ line: String, _ style: UsageStyle = .plain) throws(UsageError) -> Values? {
  try arguments(style).parse(line.split(separator: " ").map(String.init)).values
}

private func error(_ words: [String], _ style: UsageStyle = .plain) -> UsageError? {
  do {
    _ = try arguments(style).parse(words)
    return nil
  } catch {
    return error
  }
}

@Suite("ArgumentSet: parsing")
struct ArgumentSetTests {
  @Test("no arguments leave every value at its default")
  func defaults() throws {
    #expect(try parse("") == Values())
  }

  @Test("short flags cluster, and a short option takes the rest of its cluster as its value")
  func clusters() throws {
    let values = try #require(try parse("-al 100 -ve"))
    #expect(values.all && values.every && values.verbose && values.limit == 100)
    #expect(try parse("-l5")?.limit == 5)
    #expect(try parse("-al5")?.limit == 5)
    #expect(try parse("-l=7")?.limit == 7)
    #expect(try parse("-vs ERROR")?.server == "ERROR")
    #expect(try parse("-vsERROR")?.server == "ERROR")
  }

  @Test("long options take --name value or --name=value, and aliases work too")
  func longOptions() throws {
    #expect(try parse("--limit 3")?.limit == 3)
    #expect(try parse("--limit=3")?.limit == 3)
    #expect(try parse("--site=DELAY")?.server == "DELAY")
    #expect(try arguments().parse(["--url=http://h/a=b"]).values?.url == "http://h/a=b")
    #expect(try arguments().parse(["--url="]).values?.url == "")
  }

  @Test("-- ends the options: what follows is positional, dashes and all")
  func doubleDash() throws {
    #expect(try parse("-a -- -e --limit 3")?.codes == ["-e", "--limit", "3"])
    #expect(try parse("-- --")?.codes == ["--"])
    #expect(try parse("-a -")?.codes == ["-"])
  }

  @Test("an option given twice keeps its last value; one declared with appending: collects")
  func repeats() throws {
    #expect(try parse("-l 1 -l 2")?.limit == 2)
    #expect(try parse("--profile a --profile=b --profile c")?.profiles == ["a", "b", "c"])
  }

  @Test("a value that looks negative is a value, not an option")
  func negativeValues() throws {
    #expect(try parse("-l -5")?.limit == -5)
    #expect(try parse("--limit=-5")?.limit == -5)
    #expect(try parse("-3 -0.5 -1e9")?.codes == ["-3", "-0.5", "-1e9"])
    #expect(
      error(["--speed", "-3"]) == UsageError("--speed must be between 0.01 and 1000, not '-3'"))
  }

  @Test("positionals and options mix in any order")
  func mixed() throws {
    let values = try #require(try parse("cn -a br --limit 2 in"))
    #expect(values.codes == ["cn", "br", "in"] && values.all && values.limit == 2)
  }

  @Test("a missing value is reported, in each style, even when an option follows")
  func missingValues() {
    #expect(error(["-l"]) == UsageError("-l needs a value", kind: .missingValue))
    #expect(
      error(["--limit", "--all"]) == UsageError("--limit needs a value", kind: .missingValue))
    #expect(error(["--limit", "--"])?.kind == .missingValue)
    #expect(
      error(["-al"], .argparse)
        == UsageError("argument -l/--limit: expected one argument", kind: .missingValue))
  }

  @Test("an unknown option is reported as typed; in a cluster, the letter that is unknown")
  func unknownOptions() {
    #expect(
      error(["--frobnicate"]) == UsageError("unknown option '--frobnicate'", kind: .unknownOption))
    #expect(error(["--frob=3"])?.message == "unknown option '--frob'")
    #expect(error(["-x"])?.message == "unknown option '-x'")
    #expect(error(["-xyz"], .argparse)?.message == "unrecognized arguments: -xyz")
    #expect(error(["-ax"])?.message == "unknown option '-x'")
    #expect(error(["--max"])?.kind == .unknownOption, "no abbreviations")
  }

  @Test("a flag given a value is refused")
  func unwantedValue() {
    #expect(
      error(["--all=yes"])
        == UsageError("--all takes no value, not 'yes'", kind: .unwantedValue))
    #expect(
      error(["--all=yes"], .argparse)?.message
        == "argument -a/--all: ignored explicit argument 'yes'")
  }

  @Test("the first mistake in the order of the arguments is the one reported")
  func firstMistake() {
    #expect(error(["-l", "x", "--bogus"])?.message == "--limit must be a whole number, not 'x'")
    #expect(error(["--bogus", "-l", "x"])?.message == "unknown option '--bogus'")
  }

  @Test("-h or --help stops reading: mistakes after it do not count, mistakes before it do")
  func help() throws {
    #expect(try arguments().parse(["-a", "--help", "--bogus"]).values == nil)
    #expect(try arguments().parse(["-vh"]).values == nil)
    #expect(error(["--bogus", "-h"])?.kind == .unknownOption)
  }

  @Test("hidden options are read but neither usage nor help shows them")
  func hidden() throws {
    #expect(try parse("--secret")?.every == true)
    #expect(!arguments().usage(for: "p").contains("secret"))
    #expect(!arguments().help(for: "p").contains("secret"))
  }
}

@Suite("ArgumentSet: positionals and checks")
struct ArgumentSetPositionalTests {
  private struct Files {
    var source = ""
    var target: String?
    var rest: [String] = []
  }

  private var files: ArgumentSet<Files> {
    ArgumentSet(
      Files(),
      positionals: [
        Positional("SOURCE", help: "from", parser: .string, into: \.source),
        Positional("TARGET", count: .optional, help: "to", parser: .string, into: \.target),
      ])
  }

  @Test("positionals fill in order; a surplus word and a missing one are errors")
  func order() throws {
    #expect(try files.parse(["a", "b"]).values?.target == "b")
    #expect(try files.parse(["a"]).values?.target == nil)
    #expect(
      throws: UsageError("unexpected argument 'c'", kind: .unexpectedArgument),
      performing: { try files.parse(["a", "b", "c"]) })
    #expect(
      throws: UsageError("missing SOURCE", kind: .missingArgument),
      performing: { try files.parse([]) })
    var argparse = files
    argparse.style = .argparse
    #expect(throws: UsageError("unrecognized arguments: c", kind: .unexpectedArgument)) {
      try argparse.parse(["a", "b", "c"])
    }
    #expect(
      throws: UsageError("the following arguments are required: SOURCE", kind: .missingArgument)
    ) { try argparse.parse([]) }
  }

  @Test("usage writes each count argparse's way")
  func usageParts() {
    let one = Positional<Files>("A", help: "", parser: .string, into: \.source)
    let optional = Positional<Files>(
      "B", count: .optional, help: "", parser: .string, into: \.source)
    let many = Positional<Files>("C", help: "", parser: .string, appending: \.rest)
    let some = Positional<Files>(
      "D", count: .oneOrMore, help: "", parser: .string, appending: \.rest)
    #expect([one, optional, many, some].map(\.usagePart) == ["A", "[B]", "[C ...]", "D [D ...]"])
  }

  @Test("the check runs after every argument is read, and may complete the values")
  func check() throws {
    let doubled = ArgumentSet(
      Files(), options: [.value("--n", valueName: "N", help: "", parser: .string, into: \.source)]
    ) { files throws(UsageError) in
      if files.source.isEmpty { throw UsageError("--n is required") }
      files.rest = [files.source, files.source]
    }
    #expect(try doubled.parse(["--n", "x"]).values?.rest == ["x", "x"])
    #expect(throws: UsageError("--n is required")) { try doubled.parse([]) }
  }

  @Test("a group joins a command at a key path, its check first")
  func groups() throws {
    struct Outer {
      var files = Files()
      var quiet = false
    }
    let group = OptionGroup<Files>(
      options: [.value("--source", valueName: "S", help: "", parser: .string, into: \.source)]
    ) { files throws(UsageError) in
      if files.source == "bad" { throw UsageError("group check") }
    }
    let outer = ArgumentSet(
      Outer(), options: [.flag("-q", help: "", set: \.quiet)]
    ) { outer throws(UsageError) in
      if outer.quiet { throw UsageError("command check") }
    }
    .including(group, at: \.files, section: "grouped")
    #expect(try outer.parse(["--source", "x"]).values?.files.source == "x")
    #expect(throws: UsageError("group check")) { try outer.parse(["-q", "--source", "bad"]) }
    #expect(throws: UsageError("command check")) { try outer.parse(["-q"]) }
    #expect(outer.sections.map(\.title) == ["options", "grouped"])
  }
}
