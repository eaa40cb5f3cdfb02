import CommandLineKit
import Testing

@testable import Flags

@Suite("ServeOptions")
struct ServeOptionsTests {
  private func error(_ args: [String]) -> String? {
    do {
      _ = try ServeOptions.parse(args)
      return nil
    } catch {
      return error.message
    }
  }

  @Test("no options serve LOCAL, DELAY and ERROR on 8001-8003 with the book's behaviour")
  func defaults() throws {
    let options = try ServeOptions.parse([])
    #expect(options.servers.map(\.profile.label) == [.local, .delay, .error])
    #expect(options.servers.map(\.port) == [8001, 8002, 8003])
    #expect(options.servers[1].profile.delay == ServerProfile.bookDelay)
    #expect(options.servers[2].profile.errorRate == 0.25)
    #expect(!options.verbose && !options.showHelp)
  }

  @Test("--profile repeats or takes a comma list, any case, without duplicates")
  func profiles() throws {
    let repeated = try ServeOptions.parse(["--profile", "error", "--profile", "LOCAL"])
    #expect(repeated.servers.map(\.profile.label) == [.local, .error])
    let list = try ServeOptions.parse(["--profile=delay,Error,delay"])
    #expect(list.servers.map(\.profile.label) == [.delay, .error])
  }

  @Test("--port, --delay, --error-rate, --seed and -v are applied")
  func values() throws {
    let options = try ServeOptions.parse(
      [
        "--profile", "error", "--port", "9000", "--delay", "0.25", "--error-rate=0.5",
        "--seed", "77", "-v",
      ])
    let server = try #require(options.servers.first)
    #expect(server.port == 9000)
    #expect(server.profile.delay == .fixed(.milliseconds(250)))
    #expect(server.profile.errorRate == 0.5)
    #expect(server.profile.seed == 77)
    #expect(options.verbose)
  }

  @Test("--help wins and the help text mentions every option")
  func help() throws {
    #expect(try ServeOptions.parse(["--port", "1", "-h"]).showHelp)
    for word in [
      "--profile", "--port", "--delay", "--error-rate", "--seed", "--verbose",
      "--help", "LOCAL", "DELAY", "ERROR", "8001", "8002", "8003",
    ] {
      #expect(ServeOptions.helpText.contains(word), "\(word)")
    }
    #expect(ServeOptions.helpText.split(separator: "\n").allSatisfy { $0.count <= 80 })
  }

  @Test("each mistake is one clear line")
  func mistakes() {
    let cases: [([String], String)] = [
      (["--port", "0", "--profile", "local"], "--port must be between 1 and 65535, not '0'"),
      (["--port", "70000"], "--port must be between 1 and 65535, not '70000'"),
      (["--port", "8001"], "--port needs exactly one --profile (3 chosen)"),
      (["--profile", "FOO"], "unknown profile 'FOO': expected LOCAL, DELAY or ERROR"),
      (["--profile", "local,"], "unknown profile '': expected LOCAL, DELAY or ERROR"),
      (["--error-rate", "1.5"], "--error-rate must be between 0 and 1, not '1.5'"),
      (["--error-rate", "nan"], "--error-rate must be between 0 and 1, not 'nan'"),
      (["--delay", "-1"], "--delay must be a number of seconds between 0 and 60, not '-1'"),
      (["--seed", "-3"], "--seed must be a whole number from 0 to 2^64 - 1, not '-3'"),
      (["--delay"], "--delay needs a value"),
      (["--bogus"], "unknown option '--bogus'"),
      (["extra"], "unexpected argument 'extra'"),
      (
        ["--profile", "local", "--delay", "1"],
        "--delay applies only to the DELAY and ERROR profiles"
      ),
      (
        ["--profile", "delay", "--error-rate", "0.1"],
        "--error-rate applies only to the ERROR profile"
      ),
    ]
    for (args, message) in cases {
      #expect(error(args) == message, "\(args)")
      #expect(!message.contains("\n"))
    }
  }

  @Test("UsageError prints as its message")
  func usageError() {
    #expect("\(UsageError("--port needs a value"))" == "--port needs a value")
  }
}
