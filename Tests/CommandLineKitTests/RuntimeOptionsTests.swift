import CommandLineKit
import ConcurrencyRuntime
import Testing

private struct Values { var runtime = RuntimeOptions() }

private func parse(_ words: [String], speed: Bool = true) throws(UsageError) -> RuntimeOptions? {
  try ArgumentSet(Values()).including(RuntimeOptions.group(speed: speed), at: \.runtime)
    .parse(words).values?.runtime
}

@Suite("RuntimeOptions")
struct RuntimeOptionsTests {
  @Test("the options choose the runtime: live by default, virtual with --virtual or --seed")
  func configurations() throws {
    #expect(try parse([])?.configuration == .realTime)
    #expect(try parse(["--virtual"])?.configuration == .canonical)
    #expect(try parse(["--seed", "7"])?.configuration == .virtual(seed: 7))
    #expect(try parse(["--seed=7", "--virtual"])?.configuration == .virtual(seed: 7))
    #expect(try parse(["--speed", "10"])?.configuration == .live(speed: 10))
    #expect(try parse(["--speed", "0.01"])?.configuration == .live(speed: 0.01))
    #expect(try parse([])?.isEmpty == true)
    #expect(try parse(["--virtual"])?.isEmpty == false)
  }

  @Test("--speed with --virtual or --seed is refused, in either order")
  func speedIsLive() {
    let message = UsageError("--speed is for live runs; virtual time has no speed to set")
    for words in [["--virtual", "--speed", "2"], ["--speed", "2", "--seed", "1"]] {
      #expect(throws: message) { try parse(words) }
    }
  }

  @Test("--speed is checked against Runtime.speeds")
  func speedRange() {
    for bad in ["0", "-3", "1e-10", "1e9", "1000.5", "nan", "x"] {
      #expect(
        throws: UsageError("--speed must be from 0.01 to 1000 (such as 2 or 0.5), not '\(bad)'")
      ) { try parse(["--speed", bad]) }
    }
  }

  @Test("without --speed the group has no --speed")
  func withoutSpeed() {
    #expect(throws: UsageError("unknown option '--speed'", kind: .unknownOption)) {
      try parse(["--speed", "2"], speed: false)
    }
    #expect(
      RuntimeOptions.group(speed: false).options.map(\.messageName) == ["--virtual", "--seed"])
  }

  @Test("a seed is any UInt64; anything else gets the one seed message, under 80 columns")
  func seeds() throws {
    #expect(try parse(["--seed", "18446744073709551615"])?.seed == .max)
    #expect(try parse(["--seed", "0"])?.seed == 0)
    for bad in ["-1", "18446744073709551616", "1.5", "+3", "abc", ""] {
      let expected = UsageError("--seed must be a whole number from 0 to 2^64 - 1, not '\(bad)'")
      #expect(throws: expected) { try parse(["--seed", bad]) }
    }
    let message = "--seed must be a whole number from 0 to 2^64 - 1, not '12345'"
    #expect(("*** Usage error: " + message).count <= 80)
    #expect(("lessons serve: " + message).count <= 80)
  }

  @Test("each command words the help its own way; the lessons' is the default")
  func help() {
    let group = RuntimeOptions.group(virtualHelp: "use a mock network", seedHelp: "the mock's seed")
    #expect(group.options.map(\.help).prefix(2) == ["use a mock network", "the mock's seed"])
    #expect(
      RuntimeOptions.group().options.map(\.help) == [
        RuntimeOptions.Help.virtual, RuntimeOptions.Help.seed, RuntimeOptions.Help.speed,
      ])
    #expect(RuntimeOptions.Help.seed.contains("0 to 18446744073709551615"))
    #expect(RuntimeOptions.Help.speed.contains("from 0.01 to 1000"))
  }
}
