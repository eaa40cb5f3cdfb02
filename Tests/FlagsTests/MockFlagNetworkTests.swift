import ConcurrencyRuntime
import Foundation
import Testing

@testable import Flags

@Suite("MockFlagNetwork")
struct MockFlagNetworkTests {
  let base = "http://127.0.0.1:8001/flags"

  @Test("an available flag is the generator's GIF, after a 1-5 ms round trip")
  func servesFlags() throws {
    let runtime = Runtime.virtual()
    let network = MockFlagNetwork(.profile(ServerProfile(.local)), runtime: runtime)
    let (response, took) = try runtime.run {
      let start = runtime.now
      let response = try network.get("\(base)/cn/cn.gif")
      return (response, runtime.now - start)
    }
    #expect(response.status == 200)
    #expect(response.body == FlagImage.gif(for: "CN"))
    #expect(took >= .milliseconds(1) && took <= .milliseconds(5))
    #expect(took == network.outcome(for: "\(base)/cn/cn.gif").wait)
  }

  @Test("a code without a flag is a 404 answer, not an error")
  func notFound() throws {
    let runtime = Runtime.virtual()
    let network = MockFlagNetwork(.profile(ServerProfile(.local)), runtime: runtime)
    let response = try runtime.run { try network.get("\(base)/xx/xx.gif") }
    #expect(response.status == 404)
    #expect(response.reason == "Not Found")
  }

  @Test("delays and failures follow the server profile's plan for each path")
  func followsPlan() throws {
    let profile = ServerProfile(.error, seed: 7)
    let runtime = Runtime.virtual()
    let network = MockFlagNetwork(.profile(profile), runtime: runtime, timeout: .seconds(60))
    var failures = 0
    for code in Countries.available.prefix(40) {
      let url = "\(base)/\(code.lowercased())/\(code.lowercased()).gif"
      let plan = profile.plan(for: url)
      let (wait, result) = network.outcome(for: url)
      #expect(wait >= plan.delay + .milliseconds(1) && wait <= plan.delay + .milliseconds(5))
      let status = try result.get().status
      #expect(status == (plan.fails ? 500 : 200))
      if plan.fails { failures += 1 }
    }
    #expect(failures > 0 && failures < 40)
  }

  @Test("a request slower than the time-out fails after exactly the time-out")
  func timesOut() throws {
    let runtime = Runtime.virtual()
    let profile = ServerProfile(.delay, fixedDelay: .seconds(2))
    let network = MockFlagNetwork(.profile(profile), runtime: runtime, timeout: .seconds(1))
    let (error, took) = try runtime.run { () -> (FlagNetworkError?, Duration) in
      let start = runtime.now
      do {
        _ = try network.get("\(base)/cn/cn.gif")
        return (nil, runtime.now - start)
      } catch {
        return (error as? FlagNetworkError, runtime.now - start)
      }
    }
    #expect(error == .timedOut(after: .seconds(1)))
    #expect(took == .seconds(1))
  }

  @Test("the unreachable REMOTE site fails every request with a connection error")
  func unreachable() throws {
    let runtime = Runtime.virtual()
    let network = MockFlagNetwork(.unreachable(host: "flupy.org"), runtime: runtime)
    let error = try runtime.run { () -> FlagNetworkError? in
      do {
        _ = try network.get("http://flupy.org/data/flags/cn/cn.gif")
        return nil
      } catch {
        return error as? FlagNetworkError
      }
    }
    #expect(error == .connectionFailed("Could not resolve host: flupy.org"))
    #expect(runtime.now == MockFlagNetwork.lookupFailure)
  }

  @Test("the async get waits on the virtual clock, so concurrent requests overlap")
  func asyncOverlaps() throws {
    let runtime = Runtime.virtual()
    let profile = ServerProfile(.delay, fixedDelay: .seconds(1))
    let network = MockFlagNetwork(.profile(profile), runtime: runtime)
    let statuses = try runtime.run {
      try runtime.runAsync {
        await withTaskGroup(of: Int.self) { group in
          for code in ["cn", "in", "us", "xx"] {
            group.addTask { (try? await network.get("\(base)/\(code)/\(code).gif"))?.status ?? 0 }
          }
          return await group.reduce(into: []) { $0.append($1) }
        }
      }
    }
    #expect(statuses.sorted() == [200, 200, 200, 404])
    #expect(runtime.now > .seconds(1) && runtime.now < .milliseconds(1010))
  }

  @Test("blocking and async requests agree on every answer")
  func blockingMatchesAsync() throws {
    let runtime = Runtime.virtual()
    let network = MockFlagNetwork(.profile(ServerProfile(.error, seed: 3)), runtime: runtime)
    let urls = ["ad", "br", "qq", "zw", "cn"].map { "\(base)/\($0)/\($0).gif" }
    let blocking = try runtime.run { try urls.map { try network.get($0).status } }
    let async = try runtime.run {
      try runtime.runAsync {
        var statuses: [Int] = []
        for url in urls { statuses.append(try await network.get(url).status) }
        return statuses
      }
    }
    #expect(blocking == async)
  }
}
