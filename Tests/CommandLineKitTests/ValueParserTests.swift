import CommandLineKit
import Testing

@Suite("ValueParser")
struct ValueParserTests {
  private let port = ValueContext(name: "--port")

  @Test("an integer range: inside it the number, outside or not a number its requirement")
  func integerRange() throws {
    let parser = ValueParser.integer(in: 1...65535)
    #expect(try parser.parse("8001", port) == 8001)
    for bad in ["0", "65536", "x", "", "1.5", "99999999999999999999"] {
      #expect(throws: UsageError("--port must be between 1 and 65535, not '\(bad)'")) {
        try parser.parse(bad, port)
      }
    }
    let custom = ValueParser.integer(in: 1...9, requirement: "must be a digit")
    #expect(throws: UsageError("--port must be a digit, not '10'")) {
      try custom.parse("10", port)
    }
  }

  @Test("argparse's conversion message for text that is no int or float, then the range's")
  func argparseConversion() {
    let limit = ValueContext(name: "--limit", names: "-l/--limit", style: .argparse)
    #expect(throws: UsageError("argument -l/--limit: invalid int value: 'ten'")) {
      try ValueParser.integer.parse("ten", limit)
    }
    #expect(throws: UsageError("argument -l/--limit: invalid int value: 'x'")) {
      try ValueParser.integer(in: 1...5).parse("x", limit)
    }
    #expect(throws: UsageError("--limit must be between 1 and 5, not '9'")) {
      try ValueParser.integer(in: 1...5).parse("9", limit)
    }
    #expect(throws: UsageError("argument -l/--limit: invalid float value: 'x'")) {
      try ValueParser.number(in: 0...1).parse("x", limit)
    }
  }

  @Test("a number range refuses nan and infinities, and writes its bounds without .0")
  func numberRange() throws {
    let rate = ValueContext(name: "--error-rate")
    let parser = ValueParser.number(in: 0...1)
    #expect(try parser.parse("0.25", rate) == 0.25)
    #expect(try parser.parse("1e-3", rate) == 0.001)
    for bad in ["nan", "inf", "-inf", "1.5", "-0.1", "x"] {
      #expect(throws: UsageError("--error-rate must be between 0 and 1, not '\(bad)'")) {
        try parser.parse(bad, rate)
      }
    }
    #expect(throws: UsageError("--x must be between 0.01 and 1000, not '0'")) {
      try ValueParser.number(in: 0.01...1000).parse("0", ValueContext(name: "--x"))
    }
  }

  @Test("choices ignore case unless told, and the message lists them")
  func choices() throws {
    let format = ValueContext(name: "--format")
    let parser = ValueParser.choice([("text", 0), ("markdown", 1), ("html", 2)])
    #expect(try parser.parse("Markdown", format) == 1)
    #expect(throws: UsageError("--format must be one of text, markdown or html, not 'pdf'")) {
      try parser.parse("pdf", format)
    }
    let exact = ValueParser.choice([("a", 0), ("b", 1)], ignoringCase: false)
    #expect(throws: UsageError("--format must be one of a or b, not 'A'")) {
      try exact.parse("A", format)
    }
  }

  @Test("a string enum's cases are its choices")
  func cases() throws {
    enum Language: String, CaseIterable { case en, ko }
    #expect(try ValueParser<Language>.cases.parse("KO", ValueContext(name: "--lang")) == .ko)
    #expect(throws: UsageError("--lang must be one of en or ko, not 'fr'")) {
      try ValueParser<Language>.cases.parse("fr", ValueContext(name: "--lang"))
    }
  }

  @Test("map transforms the value; the checks stay the parser's")
  func map() throws {
    let delay = ValueParser.number(in: 0...60).map { Duration.seconds($0) }
    #expect(try delay.parse("1.5", ValueContext(name: "--delay")) == .milliseconds(1500))
    #expect(throws: UsageError("--delay must be between 0 and 60, not '61'")) {
      try delay.parse("61", ValueContext(name: "--delay"))
    }
  }

  @Test("a custom parser names the option from its context")
  func custom() throws {
    let even = ValueParser<Int> { text, context throws(UsageError) in
      guard let number = Int(text), number % 2 == 0 else {
        throw context.invalid(text, "must be even")
      }
      return number
    }
    #expect(try even.parse("4", ValueContext(name: "--n")) == 4)
    #expect(throws: UsageError("--n must be even, not '3'")) {
      try even.parse("3", ValueContext(name: "--n"))
    }
  }
}
