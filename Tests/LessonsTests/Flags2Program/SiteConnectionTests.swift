import ConcurrencyRuntime
import Flags
import Testing

@testable import Lessons

@Suite("SiteConnection", .timeLimit(.minutes(5)))
struct SiteConnectionTests {
  @Test("virtual runs use a mock of the label's profile, seeded, at the book's port")
  func virtualMock() throws {
    let options = try Flags2Options.parse(["-s", "delay", "--seed", "9"], style: .async)
    let connection = try SiteConnection.open(for: options, runtime: Runtime.virtual())
    let mock = try #require(connection.network as? MockFlagNetwork)
    #expect(mock.site == .profile(ServerProfile(.delay, seed: 9)))
    #expect(connection.url == "http://127.0.0.1:8002/flags")
    #expect(connection.server == nil)
  }

  @Test("virtual REMOTE is an unreachable host")
  func virtualRemote() throws {
    let options = try Flags2Options.parse(["-s", "remote", "--virtual"], style: .sequential)
    let connection = try SiteConnection.open(for: options, runtime: Runtime.virtual())
    let mock = try #require(connection.network as? MockFlagNetwork)
    #expect(mock.site == .unreachable(host: "flupy.org"))
    #expect(mock.timeout == .seconds(3))
  }

  @Test("live with --url uses HTTP to that URL with the run's concurrency and time-out")
  func liveURL() throws {
    let options = try Flags2Options.parse(
      ["--url", "http://127.0.0.1:1/flags", "-m", "7", "-e", "--timeout", "2"], style: .async)
    let connection = try SiteConnection.open(for: options, runtime: Runtime.live())
    let http = try #require(connection.network as? HTTPFlagNetwork)
    #expect(http.maxConnections == 7 && http.timeout == .seconds(2))
    #expect(http.client.maxConnectionsPerHost == 7 && http.client.timeouts == .all(.seconds(2)))
    #expect(connection.url == "http://127.0.0.1:1/flags")
    #expect(connection.server == nil)
  }

  @Test("live LOCAL uses a server on 8001 if one listens, else starts one on a free port")
  func autoStart() throws {
    let options = try Flags2Options.parse([], style: .threadpool)
    let connection = try SiteConnection.open(for: options, runtime: Runtime.live())
    defer { connection.close() }
    if let server = connection.server {
      #expect(server.profile == ServerProfile(.local))
      #expect(connection.url == server.baseURL)
      #expect(LoopbackProbe.isListening(port: server.port))
    } else {
      #expect(connection.url == "http://127.0.0.1:8001/flags")
      #expect(LoopbackProbe.isListening(port: 8001))
    }
  }

  @Test("the host of a URL")
  func host() {
    #expect(SiteConnection.host(of: "http://flupy.org/data/flags") == "flupy.org")
    #expect(SiteConnection.host(of: "http://127.0.0.1:8001/flags") == "127.0.0.1")
  }
}
