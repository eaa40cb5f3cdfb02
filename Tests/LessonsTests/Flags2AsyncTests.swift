import ConcurrencyRuntime
import Flags
import Foundation
import Lessons
import Testing

@Suite("flags2 async", .timeLimit(.minutes(2)))
struct Flags2AsyncTests {
  @Test("a b c on the LOCAL mock: 43 downloaded, 35 not found")
  func abcCounts() throws {
    let codes = try CountryCodeArguments.expand(["a", "b", "c"])
    let run = try downloadVirtually(.async, codes, site: .profile(ServerProfile(.local)))
    #expect(run.counter == [.ok: 43, .notFound: 35])
    #expect(run.files.count == 43)
  }

  @Test("-s ERROR -e with seed 1: the plan's counts, every code once")
  func errorEvery() throws {
    let profile = ServerProfile(.error, seed: 1)
    let run = try downloadVirtually(.async, everyCode, site: .profile(profile), seed: 1)
    #expect(run.counter == expectedCounts(everyCode, profile))
    #expect(run.counter == [.ok: 141, .notFound: 366, .error: 169])
  }

  @Test(
    "at most -m requests in flight, and that many whenever there is work", arguments: [1, 5, 50])
  func limited(concurrency: Int) throws {
    let runtime = Runtime.virtual()
    var counter: InFlightCounter?
    let profile = ServerProfile(.delay, fixedDelay: .seconds(1))
    let codes = Array(everyCode.prefix(100))
    let run = try download(
      .async, codes, runtime: runtime, output: TextLog(), concurrency: concurrency
    ) { runtime in
      let wrapped = InFlightCounter(MockFlagNetwork(.profile(profile), runtime: runtime))
      counter = wrapped
      return wrapped
    }
    #expect(counter?.highest == concurrency)
    #expect(run.counter.values.reduce(0, +) == 100)
    let rounds = (100 + concurrency - 1) / concurrency
    #expect(run.elapsed > .seconds(rounds))
    #expect(run.elapsed < .seconds(rounds) + .milliseconds(5 * rounds + 1))
  }

  @Test("verbose: each code reported once, errors with their own code and message")
  func verboseLines() throws {
    let profile = ServerProfile(.error, seed: 5)
    let codes = Array(everyCode.prefix(60))
    let run = try downloadVirtually(
      .async, codes, site: .profile(profile), seed: 5, verbose: true)
    let byCode = run.linesByCode
    #expect(byCode.count == codes.count)
    for code in codes {
      let expected: String
      switch expectedCounts([code], profile).keys.first! {
      case .ok: expected = "\(code) OK"
      case .notFound: expected = "\(code) not found"
      case .error: expected = "*** Error for \(code): HTTP error 500 - Internal Server Error"
      }
      #expect(byCode[code] == [expected])
    }
  }

  @Test("a time-out on the mock is an error after the time-out, not a hang")
  func mockTimeout() throws {
    let profile = ServerProfile(.delay, fixedDelay: .seconds(30))
    let run = try downloadVirtually(
      .async, ["CN"], site: .profile(profile), verbose: true, timeout: .seconds(2))
    #expect(run.counter == [.error: 1])
    #expect(run.output == "*** Error for CN: Timed out after 2 s\n")
    #expect(run.elapsed == .seconds(2))
  }

  @Test("live against the loopback server: found, not found, HTTP errors, refused, time-out")
  func live() throws {
    try withFlagServer(ServerProfile(.local)) { server in
      let run = try downloadLive(.async, ["AD", "BR", "XX", "CN"], baseURL: server.baseURL)
      #expect(run.counter == [.ok: 3, .notFound: 1])
      #expect(run.files == ["ad.gif", "br.gif", "cn.gif"])
      #expect(run.output.contains("XX not found\n"))
    }
    try withFlagServer(ServerProfile(.error, fixedDelay: .zero, errorRate: 1)) { server in
      let run = try downloadLive(.async, ["CN"], baseURL: server.baseURL)
      #expect(run.output == "*** Error for CN: HTTP error 500 - Internal Server Error\n")
    }
    let refused = try downloadLive(.async, ["CN", "BR"], baseURL: try refusedURL())
    #expect(refused.counter == [.error: 2])
    #expect(refused.output.contains("*** Error for BR: Connection error ("))
    try withFlagServer(ServerProfile(.delay, fixedDelay: .seconds(3))) { server in
      let run = try downloadLive(
        .async, ["CN"], baseURL: server.baseURL, timeout: .milliseconds(200))
      #expect(run.output == "*** Error for CN: Timed out after 0.2 s\n")
    }
  }
}
