import ConcurrencyRuntime
import Flags
import Foundation
import Lessons
import Testing

@Suite("flags2 threadpool", .timeLimit(.minutes(2)))
struct Flags2ThreadPoolTests {
  @Test("a b c on the LOCAL mock: 43 downloaded, 35 not found")
  func abcCounts() throws {
    let codes = try CountryCodeArguments.expand(["a", "b", "c"])
    let run = try downloadVirtually(.threadpool, codes, site: .profile(ServerProfile(.local)))
    #expect(run.counter == [.ok: 43, .notFound: 35])
    #expect(run.files.count == 43)
  }

  @Test("-s ERROR -e: the same counts as the plan, under several schedules", arguments: [1, 2, 7])
  func errorEvery(seed: UInt64) throws {
    let profile = ServerProfile(.error, seed: seed)
    let run = try downloadVirtually(.threadpool, everyCode, site: .profile(profile), seed: seed)
    #expect(run.counter == expectedCounts(everyCode, profile))
    #expect(run.counter.values.reduce(0, +) == 676)
  }

  @Test("-s ERROR -e with seed 1 gives the sequential program's counts, much sooner")
  func errorEverySeed1() throws {
    let profile = ServerProfile(.error, seed: 1)
    let run = try downloadVirtually(.threadpool, everyCode, site: .profile(profile), seed: 1)
    #expect(run.counter == [.ok: 141, .notFound: 366, .error: 169])
    let sequential = try downloadVirtually(
      .sequential, everyCode, site: .profile(profile), seed: 1)
    #expect(run.elapsed * 10 < sequential.elapsed)
  }

  @Test("no more requests in flight than threads in the pool")
  func boundedByPool() throws {
    let runtime = Runtime.virtual()
    let output = TextLog()
    var counter: InFlightCounter?
    let profile = ServerProfile(.delay, fixedDelay: .seconds(1))
    let run = try download(
      .threadpool, Countries.pop20, runtime: runtime, output: output, concurrency: 4
    ) { runtime in
      let wrapped = InFlightCounter(MockFlagNetwork(.profile(profile), runtime: runtime))
      counter = wrapped
      return wrapped
    }
    #expect(counter?.highest == 4)
    #expect(run.elapsed > .seconds(5) && run.elapsed < .milliseconds(5030))
  }

  @Test("verbose: each code reported once; errors name their own code")
  func verboseLines() throws {
    let profile = ServerProfile(.error, seed: 3)
    let codes = Array(everyCode.prefix(60))
    let run = try downloadVirtually(
      .threadpool, codes, site: .profile(profile), seed: 3, verbose: true)
    let byCode = run.linesByCode
    #expect(byCode.count == codes.count)
    for code in codes where expectedCounts([code], profile)[.error] == 1 {
      #expect(byCode[code] == ["*** Error for \(code): HTTP error 500 - Internal Server Error"])
    }
  }

  @Test("live against the loopback server: found, not found, HTTP errors, refused, time-out")
  func live() throws {
    try withFlagServer(ServerProfile(.local)) { server in
      let run = try downloadLive(.threadpool, ["AD", "BR", "XX", "CN"], baseURL: server.baseURL)
      #expect(run.counter == [.ok: 3, .notFound: 1])
      #expect(run.files == ["ad.gif", "br.gif", "cn.gif"])
    }
    try withFlagServer(ServerProfile(.error, fixedDelay: .zero, errorRate: 1)) { server in
      let run = try downloadLive(.threadpool, ["CN", "BR"], baseURL: server.baseURL)
      #expect(run.counter == [.error: 2])
      #expect(run.output.contains("*** Error for BR: HTTP error 500 - Internal Server Error\n"))
    }
    let refused = try downloadLive(.threadpool, ["CN", "BR"], baseURL: try refusedURL())
    #expect(refused.counter == [.error: 2])
    try withFlagServer(ServerProfile(.delay, fixedDelay: .seconds(3))) { server in
      let run = try downloadLive(
        .threadpool, ["CN", "BR"], baseURL: server.baseURL, timeout: .milliseconds(200))
      #expect(run.counter == [.error: 2])
      #expect(run.output.contains("*** Error for CN: Timed out after 0.2 s\n"))
    }
  }
}
