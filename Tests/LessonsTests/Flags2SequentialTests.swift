import ConcurrencyRuntime
import Flags
import Foundation
import Lessons
import Testing

@Suite("flags2 sequential", .timeLimit(.minutes(2)))
struct Flags2SequentialTests {
  let abc = (try? CountryCodeArguments.expand(["a", "b", "c"])) ?? []

  @Test("a b c on the LOCAL mock: 78 codes, 43 downloaded and saved, 35 not found")
  func abcCounts() throws {
    let run = try downloadVirtually(.sequential, abc, site: .profile(ServerProfile(.local)))
    #expect(abc.count == 78)
    #expect(run.counter == [.ok: 43, .notFound: 35])
    #expect(run.files.count == 43)
    #expect(run.files.first == "ad.gif")
  }

  @Test("-s ERROR -e with seed 1: every code counted once, as the ERROR profile planned")
  func errorEvery() throws {
    let profile = ServerProfile(.error, seed: 1)
    let run = try downloadVirtually(.sequential, everyCode, site: .profile(profile), seed: 1)
    #expect(run.counter == expectedCounts(everyCode, profile))
    #expect(run.counter == [.ok: 141, .notFound: 366, .error: 169])
    #expect(run.counter.values.reduce(0, +) == 676)
  }

  @Test("one at a time: the elapsed time is the sum of every request's wait")
  func oneAtATime() throws {
    let profile = ServerProfile(.delay, seed: 4)
    let codes = Array(Countries.pop20.sorted().prefix(6))
    let run = try downloadVirtually(.sequential, codes, site: .profile(profile), seed: 4)
    let mock = MockFlagNetwork(.profile(profile), runtime: Runtime.virtual())
    let waits = codes.map {
      mock.outcome(for: "http://127.0.0.1:8001/flags/\($0.lowercased())/\($0.lowercased()).gif")
        .wait
    }
    #expect(run.elapsed == waits.reduce(.zero, +))
  }

  @Test("verbose: one line per code, and an error never outlives its download")
  func verboseLines() throws {
    let profile = ServerProfile(.error, seed: 1)
    let codes = Array(everyCode.prefix(60))
    let run = try downloadVirtually(
      .sequential, codes, site: .profile(profile), seed: 1, verbose: true)
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

  @Test("REMOTE is unreachable: every flag is a connection error")
  func remote() throws {
    let run = try downloadVirtually(
      .sequential, ["BR", "CN"], site: .unreachable(host: "flupy.org"), verbose: true)
    #expect(run.counter == [.error: 2])
    #expect(
      run.output == """
        *** Error for BR: Connection error (Could not resolve host: flupy.org)
        *** Error for CN: Connection error (Could not resolve host: flupy.org)

        """)
  }

  @Test("live against the loopback server: found, not found, HTTP errors")
  func live() throws {
    try withFlagServer(ServerProfile(.local)) { server in
      let run = try downloadLive(.sequential, ["AD", "BR", "XX"], baseURL: server.baseURL)
      #expect(run.counter == [.ok: 2, .notFound: 1])
      #expect(run.output == "AD OK\nBR OK\nXX not found\n")
      #expect(run.files == ["ad.gif", "br.gif"])
    }
    try withFlagServer(ServerProfile(.error, fixedDelay: .zero, errorRate: 1)) { server in
      let run = try downloadLive(.sequential, ["CN"], baseURL: server.baseURL)
      #expect(run.counter == [.error: 1])
      #expect(run.output == "*** Error for CN: HTTP error 500 - Internal Server Error\n")
    }
  }

  @Test("live: a refused connection and a time-out are errors")
  func liveFailures() throws {
    let refused = try downloadLive(.sequential, ["CN"], baseURL: try refusedURL())
    #expect(refused.counter == [.error: 1])
    #expect(refused.output.hasPrefix("*** Error for CN: Connection error ("))
    try withFlagServer(ServerProfile(.delay, fixedDelay: .seconds(3))) { server in
      let run = try downloadLive(
        .sequential, ["CN"], baseURL: server.baseURL, timeout: .milliseconds(200))
      #expect(run.counter == [.error: 1])
      #expect(run.output == "*** Error for CN: Timed out after 0.2 s\n")
    }
  }
}
