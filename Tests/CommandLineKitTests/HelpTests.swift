import CommandLineKit
import Testing

/// Values for parsers whose help is compared with what Python 3.11's argparse prints for
/// the same declarations (COLUMNS=80).
private struct Values {
  var flag = false
  var text: String?
  var number: Int?
  var codes: [String] = []
}

@Suite("ArgumentSet: usage and help")
struct HelpTests {
  @Test("the help is argparse's, byte for byte: wrapped usage, columns, long invocations")
  func argparseLayout() {
    let arguments = ArgumentSet(
      Values(), style: .argparse,
      options: [
        .flag("-a", "--all", help: "everything", set: \.flag),
        .value(
          "-l", "--limit", valueName: "N", help: "limit to N first codes", parser: .integer,
          into: \.number),
        .value(
          "-m", "--max_req", valueName: "CONCURRENT",
          help: "maximum concurrent requests (default=5)", parser: .integer, into: \.number),
        .value(
          "--output-directory", valueName: "DIRECTORY",
          help: "where the fetched things are saved, created if missing, and kept between runs",
          parser: .string, into: \.text),
        .flag(
          "--quiet", help: "say nothing at all unless something goes wrong", set: \.flag),
      ],
      positionals: [
        Positional("CC", count: .zeroOrMore, help: "a code", parser: .string, appending: \.codes)
      ]
    )
    .adding(
      [
        .value(
          "--seed", valueName: "N",
          help: "seed of the pseudo-random choices; the same seed gives the same choices "
            + "every time",
          parser: .string, into: \.text),
        .value("--retries", valueName: "R", help: "retry R times", parser: .string, into: \.text),
      ], section: "more options")
    #expect(
      arguments.help(for: "tool fetch", description: "Fetch things.") == """
        usage: tool fetch [-h] [-a] [-l N] [-m CONCURRENT]
                          [--output-directory DIRECTORY] [--quiet] [--seed N]
                          [--retries R]
                          [CC ...]

        Fetch things.

        positional arguments:
          CC                    a code

        options:
          -h, --help            show this help message and exit
          -a, --all             everything
          -l N, --limit N       limit to N first codes
          -m CONCURRENT, --max_req CONCURRENT
                                maximum concurrent requests (default=5)
          --output-directory DIRECTORY
                                where the fetched things are saved, created if
                                missing, and kept between runs
          --quiet               say nothing at all unless something goes wrong

        more options:
          --seed N              seed of the pseudo-random choices; the same seed gives
                                the same choices every time
          --retries R           retry R times

        """)
  }

  @Test("short terms bring the help column in, as argparse does")
  func narrowColumn() {
    let arguments = ArgumentSet(
      Values(),
      options: [
        .flag("-v", "--verbose", help: "say more", set: \.flag),
        .value("--seed", valueName: "N", help: "the seed", parser: .string, into: \.text),
      ])
    #expect(
      arguments.help(for: "tool run") == """
        usage: tool run [-h] [-v] [--seed N]

        options:
          -h, --help     show this help message and exit
          -v, --verbose  say more
          --seed N       the seed

        """)
  }

  @Test("after a long command everything goes under 'usage: ', positionals apart if needed")
  func longCommand() {
    let command = "a-rather-long-program-name with-a-subcommand-that-goes-on-and-on"
    var arguments = ArgumentSet(
      Values(),
      options: ["bravo", "charlie", "delta"].map { name in
        Option<Values>.value(
          "--\(name)", valueName: name.uppercased(), help: "", parser: .string, into: \.text)
      },
      positionals: [Positional("FILE", help: "", parser: .string, into: \.text)])
    arguments = arguments.adding(
      [Option<Values>.flag("-a", "--alpha", help: "", set: \.flag)], section: "options")
    // argparse lists options in the order they are declared; -a comes after the others here.
    #expect(
      arguments.usage(for: command) == """
        usage: a-rather-long-program-name with-a-subcommand-that-goes-on-and-on
               [-h] [--bravo BRAVO] [--charlie CHARLIE] [--delta DELTA] [-a] FILE

        """)
    arguments = arguments.adding(
      ["echo", "foxtrot"].map { name in
        Option<Values>.value(
          "--\(name)", valueName: name.uppercased(), help: "", parser: .string, into: \.text)
      }, section: "options")
    #expect(
      arguments.usage(for: command) == """
        usage: a-rather-long-program-name with-a-subcommand-that-goes-on-and-on
               [-h] [--bravo BRAVO] [--charlie CHARLIE] [--delta DELTA] [-a]
               [--echo ECHO] [--foxtrot FOXTROT]
               FILE

        """)
  }

  @Test("more usage lines go under the first, after 'usage: '")
  func alternatives() {
    let arguments = ArgumentSet(Values())
    #expect(
      arguments.usage(for: "lessons", alternatives: ["lessons {serve,flags2} ..."])
        == "usage: lessons [-h]\n       lessons {serve,flags2} ...\n")
  }

  @Test("help lines keep their breaks and inner columns; only too-long ones are wrapped")
  func helpLines() {
    let arguments = ArgumentSet(
      Values(),
      options: [
        .value(
          "--profile", valueName: "LABEL",
          help: "one of these:\n  LOCAL  fast      port 8001\n  DELAY  slow      port 8002\n"
            + "  and a last line far too long to fit in the help column, which is wrapped "
            + "under its own indent",
          parser: .string, into: \.text)
      ])
    #expect(
      arguments.help(for: "serve") == """
        usage: serve [-h] [--profile LABEL]

        options:
          -h, --help       show this help message and exit
          --profile LABEL  one of these:
                             LOCAL  fast      port 8001
                             DELAY  slow      port 8002
                             and a last line far too long to fit in the help column,
                             which is wrapped under its own indent

        """)
  }

  @Test("prose is kept as written, extra sections come before the arguments")
  func prose() {
    let arguments = ArgumentSet(Values())
    let help = arguments.help(
      for: "p", description: "First line.\n\nSecond paragraph.\n\n",
      extra: [HelpSection(title: "styles", rows: [HelpRow("fast", "quick"), HelpRow("x", "")])],
      epilog: "The end.")
    #expect(
      help == """
        usage: p [-h]

        First line.

        Second paragraph.

        styles:
          fast        quick
          x

        options:
          -h, --help  show this help message and exit

        The end.

        """)
  }

  @Test("every line of a help with long names and texts fits in 80 columns")
  func eightyColumns() {
    let words = (1...40).map { "word\($0)" }.joined(separator: " ")
    let arguments = ArgumentSet(
      Values(),
      options: [
        .value(
          "-o", "--an-option-with-a-long-name", valueName: "A_LONG_VALUE_NAME", help: words,
          parser: .string, into: \.text),
        .flag("--short", help: words, set: \.flag),
      ],
      positionals: [
        Positional("CODES", count: .oneOrMore, help: words, parser: .string, appending: \.codes)
      ])
    let help = arguments.help(for: "lessons some-command with a long name", description: "")
    for line in help.split(separator: "\n") {
      #expect(line.count <= 80, "\(line)")
    }
    #expect(help.contains("word40"))
  }
}
