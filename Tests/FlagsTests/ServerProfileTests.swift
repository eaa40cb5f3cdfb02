import Testing

@testable import Flags

@Suite("ServerProfile")
struct ServerProfileTests {
  private let paths = Countries.available.map { "/flags/\($0.lowercased())/\($0.lowercased()).gif" }

  @Test("labels parse in any case and have the book's ports")
  func labels() {
    #expect(ServerProfile.Label(parsing: "delay") == .delay)
    #expect(ServerProfile.Label(parsing: "Error") == .error)
    #expect(ServerProfile.Label(parsing: "REMOTE") == nil)
    #expect(ServerProfile.Label.allCases.map(\.defaultPort) == [8001, 8002, 8003])
    #expect(ServerProfile(.error).defaultPort == 8003)
  }

  @Test("LOCAL never waits and never fails")
  func local() {
    let profile = ServerProfile(.local, fixedDelay: .seconds(3), errorRate: 1, seed: 9)
    #expect(paths.allSatisfy { profile.plan(for: $0) == .immediate })
  }

  @Test("only a profile that neither waits nor fails answers at once without a plan")
  func answersAtOnce() {
    #expect(ServerProfile(.local).answersAtOnce)
    #expect(ServerProfile(.local, fixedDelay: .seconds(3), errorRate: 1, seed: 9).answersAtOnce)
    #expect(!ServerProfile(.delay).answersAtOnce)
    #expect(!ServerProfile(.delay, fixedDelay: .milliseconds(10)).answersAtOnce)
    #expect(!ServerProfile(.error).answersAtOnce)
  }

  @Test("DELAY waits 0.5-5 s on every request by default and never fails")
  func delay() {
    let plans = paths.map(ServerProfile(.delay, seed: 1).plan(for:))
    #expect(plans.allSatisfy { !$0.fails })
    #expect(plans.allSatisfy { $0.delay >= .milliseconds(500) && $0.delay <= .seconds(5) })
    #expect(Set(plans.map(\.delay)).count > 100)
    let fixed = ServerProfile(.delay, fixedDelay: .milliseconds(10))
    #expect(paths.allSatisfy { fixed.plan(for: $0).delay == .milliseconds(10) })
  }

  @Test("ERROR fails about a quarter of the flags and delays about half", arguments: [0, 1, 2, 42])
  func errorRate(seed: UInt64) {
    let plans = paths.map(ServerProfile(.error, seed: seed).plan(for:))
    let failures = plans.filter(\.fails).count
    let delayed = plans.filter { $0.delay > .zero }.count
    // 194 draws at p = 0.25: mean 48.5, standard deviation 6; these bounds are 3 sigma.
    #expect((30...67).contains(failures), "\(failures) failures")
    #expect((76...118).contains(delayed), "\(delayed) delayed")
  }

  @Test("the plan depends only on the seed and the path")
  func deterministic() {
    let profile = ServerProfile(.error, seed: 5)
    let forwards = paths.map(profile.plan(for:))
    let backwards = paths.reversed().map(ServerProfile(.error, seed: 5).plan(for:))
    #expect(forwards == Array(backwards.reversed()))
    let other = paths.map(ServerProfile(.error, seed: 6).plan(for:))
    #expect(forwards != other)
  }

  @Test("case, query and scheme-and-host do not change the plan")
  func planKey() {
    let profile = ServerProfile(.error, seed: 3)
    let plan = profile.plan(for: "/flags/cn/cn.gif")
    #expect(profile.plan(for: "/flags/CN/CN.gif") == plan)
    #expect(profile.plan(for: "/flags/cn/cn.gif?x=1") == plan)
    #expect(profile.plan(for: "http://127.0.0.1:8003/flags/cn/cn.gif") == plan)
  }

  @Test("changing the error rate does not move the delays")
  func independentDraws() {
    let quarter = ServerProfile(.error, seed: 8)
    let half = ServerProfile(.error, errorRate: 0.5, seed: 8)
    #expect(paths.map { quarter.plan(for: $0).delay } == paths.map { half.plan(for: $0).delay })
    let more = paths.filter { half.plan(for: $0).fails }
    #expect(paths.filter { quarter.plan(for: $0).fails }.allSatisfy(more.contains))
  }

  @Test("out-of-range rates and negative delays are clamped")
  func clamping() {
    let wild = ServerProfile(
      label: .error, delay: .fixed(.seconds(-1)), errorRate: 7, delayedShare: -2, seed: 0)
    #expect(paths.allSatisfy { wild.plan(for: $0) == ResponsePlan(delay: .zero, fails: true) })
    let backwards = ServerProfile(
      label: .delay, delay: .uniform(min: .seconds(2), max: .seconds(1)), errorRate: 0,
      delayedShare: 1, seed: 0)
    #expect(paths.allSatisfy { backwards.plan(for: $0).delay == .seconds(2) })
  }
}
