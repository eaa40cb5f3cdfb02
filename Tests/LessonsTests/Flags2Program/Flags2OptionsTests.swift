import CommandLineKit
import Flags
import Testing

@testable import Lessons

@Suite("Flags2Options")
struct Flags2OptionsTests {
  func parse(_ line: String, _ style: Flags2Style = .threadpool) throws -> Flags2Options {
    try Flags2Options.parse(line.split(separator: " ").map(String.init), style: style)
  }

  func message(_ line: String, _ style: Flags2Style = .threadpool) -> String? {
    do {
      _ = try parse(line, style)
      return nil
    } catch {
      return (error as? UsageError)?.message
    }
  }

  @Test("no arguments: the 20 most populous, sorted, LOCAL, the style's default concurrency")
  func defaults() throws {
    let options = try parse("")
    #expect(options.codes == Countries.pop20.sorted())
    #expect(options.codes.first == "BD" && options.codes.last == "VN")
    #expect(options.server == .local)
    #expect(options.maxRequests == 30)
    #expect(options.concurrency == 20)
    #expect(try parse("", .sequential).concurrency == 1)
    #expect(try parse("", .async).concurrency == 5)
    #expect(options.destination == "downloads/")
    #expect(options.runtime == .realTime && !options.verbose && options.url == nil)
  }

  @Test("concurrency is min(max_req, MAX_CONCUR_REQ, number of codes)")
  func concurrency() throws {
    #expect(try parse("-m 100 a b c").concurrency == 78)
    #expect(try parse("-m 5000 -e").concurrency == 676)
    #expect(
      Flags2Options(
        style: .async, codes: Array(repeating: "AD", count: 2000),
        maxRequests: 5000
      ).concurrency == 1000)
    #expect(try parse("-m 50 -e", .sequential).concurrency == 1)
    #expect(try parse("-m 3 cn").concurrency == 1)
    #expect(try parse("-al 100 -m 100", .async).concurrency == 100)
  }

  @Test("short options cluster and take attached values, as with argparse")
  func clusters() throws {
    let options = try parse("-al 100 -m100 -vs error")
    #expect(options.codes.count == 100 && options.codes.last == "LK")
    #expect(options.maxRequests == 100)
    #expect(options.verbose)
    #expect(options.server == .error)
    #expect(try parse("-al5").codes == ["AD", "AE", "AF", "AG", "AL"])
    #expect(try parse("--limit=3 --server=Delay -e").codes == ["AA", "AB", "AC"])
    #expect(try parse("--max-req 7").maxRequests == 7)
  }

  @Test("-e wins over -a, which wins over codes")
  func precedence() throws {
    #expect(try parse("-a -e cn").codes.count == 676)
    #expect(try parse("-a cn").codes.count == 194)
    #expect(try parse("cn b").codes.count == 27)
  }

  @Test("this port's options: --url, --dest, --timeout, --virtual, --seed")
  func extras() throws {
    let options = try parse("--url http://127.0.0.1:9000/flags/ --dest /tmp/x --timeout 0.5")
    #expect(options.url == "http://127.0.0.1:9000/flags")
    #expect(options.destination == "/tmp/x")
    #expect(options.effectiveTimeout == .milliseconds(500))
    #expect(try parse("--virtual").runtime == .canonical)
    #expect(try parse("--seed 42").runtime == .virtual(seed: 42))
    #expect(try parse("--seed 42 --virtual").runtime == .virtual(seed: 42))
    #expect(try parse("").effectiveTimeout == .seconds(10))
    #expect(try parse("-s remote").effectiveTimeout == .seconds(3))
  }

  @Test("--help stops parsing")
  func help() throws {
    #expect(try parse("-e --help -m 0").showHelp)
    #expect(try parse("-h").showHelp)
  }

  @Test("usage errors carry the book's and argparse's messages")
  func usageErrors() {
    #expect(message("-m 0") == "--max_req CONCURRENT must be >= 1")
    #expect(message("-l 0") == "--limit N must be >= 1")
    #expect(message("-l -5") == "--limit N must be >= 1")
    #expect(message("-s nowhere") == "--server LABEL must be one of DELAY, ERROR, LOCAL, REMOTE")
    #expect(message("abc") == "each CC argument must be A to Z or AA to ZZ.")
    #expect(message("1") == "each CC argument must be A to Z or AA to ZZ.")
    #expect(message("-l x") == "argument -l/--limit: invalid int value: 'x'")
    #expect(message("-m") == "argument -m/--max_req: expected one argument")
    #expect(message("--frobnicate") == "unrecognized arguments: --frobnicate")
    #expect(message("-x") == "unrecognized arguments: -x")
    #expect(message("--seed -1") == "--seed must be a whole number from 0 to 2^64 - 1, not '-1'")
    #expect(
      message("--timeout 0") == "--timeout S must be a number of seconds > 0 and <= 3600, not '0'")
    #expect(message("--url ftp://x") == "--url must start with http:// (not https), not 'ftp://x'")
  }

  @Test(
    "--url is checked before anything starts",
    arguments: [
      ("HTTP://127.0.0.1:8001/flags/", "http://127.0.0.1:8001/flags"),
      ("http://LocalHost:9/a/b", "http://localhost:9/a/b"),
      ("http://[::1]:8001/flags", "http://[::1]:8001/flags"),
      ("http://flupy.org/data/flags", "http://flupy.org/data/flags"),
    ])
  func goodURLs(text: String, normalized: String) throws {
    let options = try Flags2Options.parse(["--url", text], style: .sequential)
    #expect(options.url == normalized)
  }

  @Test(
    "a --url that could not work is a usage error saying why",
    arguments: [
      (
        "localhost",
        "--url BASE must look like http://127.0.0.1:8001/flags, not 'localhost'"
      ),
      (
        "https://127.0.0.1/flags",
        "--url must start with http:// (not https), not 'https://127.0.0.1/flags'"
      ),
      (
        "http://127.0.0.1:8001/flags?x=1",
        "--url must have no query or fragment, not 'http://127.0.0.1:8001/flags?x=1'"
      ),
      (
        "http://127.0.0.1/flags#top",
        "--url must have no query or fragment, not 'http://127.0.0.1/flags#top'"
      ),
      (
        "http:///flags",
        "--url needs a host, such as http://127.0.0.1:8001/flags, not 'http:///flags'"
      ),
      (
        "http://:80/flags",
        "--url needs a host, such as http://127.0.0.1:8001/flags, not 'http://:80/flags'"
      ),
      ("http://h:0/flags", "--url port must be from 1 to 65535, not '0'"),
      ("http://h:65536/flags", "--url port must be from 1 to 65535, not '65536'"),
      (
        "http://h:99999999999999999999/f",
        "--url port must be from 1 to 65535, not '99999999999999999999'"
      ),
      ("http://h:/f", "--url port must be from 1 to 65535, not ''"),
      ("http://u:p@h/f", "--url must not carry a user name or password"),
      (
        "http://h /f",
        "--url BASE must look like http://127.0.0.1:8001/flags, not 'http://h /f'"
      ),
    ])
  func badURLs(text: String, message: String) {
    #expect(throws: UsageError(message)) {
      try Flags2Options.parse(["--url", text], style: .threadpool)
    }
  }

  @Test("--url with --virtual or --seed is refused: the mock has no URL to honour")
  func urlIsLive() {
    let message = "--url is for live runs; --virtual uses -s LABEL's mock site"
    for extra in [["--virtual"], ["--seed", "3"]] {
      #expect(throws: UsageError(message)) {
        try Flags2Options.parse(["--url", "http://127.0.0.1:9/f"] + extra, style: .async)
      }
    }
  }

  @Test("the checks run in the book's order: max_req, limit, server, codes")
  func order() {
    #expect(message("-m 0 -l 0 -s x abc") == "--max_req CONCURRENT must be >= 1")
    #expect(message("-l 0 -s x abc") == "--limit N must be >= 1")
    #expect(message("-s x abc") == "--server LABEL must be one of DELAY, ERROR, LOCAL, REMOTE")
  }
}
