import ConcurrencyRuntime
import Flags
import Foundation
import Notebook

/// The flag world of a section that downloads flags: the sites its cells download from, the
/// folder flags are saved in, and where progress bars go, made fresh for every run.
///
/// Live, it starts a flag server of each kind the section asks for in this process, on a free
/// port of 127.0.0.1, at the run's speed (so `--speed 10` shrinks the servers' delays with
/// the clock), and saves flags in the folder the runner was given or in a fresh temporary
/// one; it says both in a note. Tearing down stops the servers and keeps the flags. In
/// virtual time a ``MockFlagNetwork`` with the same profiles answers on the virtual clock and
/// nothing is saved. Either way the profiles are the lessons' own: a fixed half-second delay
/// (see ``latency``), so that runs in both worlds take the same, predictable time.
///
/// Every request is recorded in the trace as a task span labelled `GET /flags/cn/cn.gif`, on
/// the thread or task that made it: tests and timelines read the downloads from there.
final class FlagLesson: SectionEnvironment {
  /// How long the DELAY server takes to answer, and the ERROR server when it delays: half a
  /// second, the delay the book's first edition gave its slow site. Twenty flags one after
  /// another then take about 10 s, as in the notebook.
  static let latency = Duration.milliseconds(500)

  /// The lessons' server of each kind: LOCAL answers at once; DELAY always waits `latency`
  /// (``latency`` unless a section's knob changed it); ERROR waits it for about half the
  /// requests and fails a quarter of them.
  static func profile(
    _ label: ServerProfile.Label, seed: UInt64, latency: Duration = FlagLesson.latency
  ) -> ServerProfile {
    switch label {
    case .local: ServerProfile(.local, seed: seed)
    case .delay, .error: ServerProfile(label, fixedDelay: latency, seed: seed)
    }
  }

  /// The knob of a section whose servers' delay may be changed: `--set latency=0.2`.
  static let latencyParameter = Parameter.seconds(
    "latency", default: 0.5, in: 0.1...2, help: "seconds the DELAY server takes to answer")

  /// Makes a section's environment with servers of these kinds, whose delays and errors
  /// follow `seed`.
  ///
  /// The seed is the section's, not the run's: `--seed` picks another interleaving of the
  /// same downloads, and the servers fail the same codes whatever the schedule.
  static func prepare(_ labels: [ServerProfile.Label], seed: UInt64 = 0) -> Section.Prepare {
    { context in try FlagLesson(labels, seed: seed, context: context) }
  }

  /// The runtime the cells run in.
  let runtime: Runtime
  /// Whether the run is in virtual time (mock sites, nothing saved).
  let isVirtual: Bool
  /// How many times faster than real time a live run goes.
  let speed: Double
  /// The seed the servers' delays and errors follow.
  let seed: UInt64
  /// Where flags are saved: a real folder live, ``FlagFolder/nowhere`` in virtual time.
  let folder: FlagFolder
  /// Where progress bars go: redrawn on a terminal while live, their last line in the cell.
  let progress: ProgressOutput
  /// The site 17.1's cells download from: the first kind of server, with room for
  /// ``connections`` requests at once.
  let site: FlagSite

  private let profiles: [ServerProfile.Label: ServerProfile]
  private let urls: [ServerProfile.Label: String]
  private let servers: [FlagServer]

  /// The most requests one site serves at once (HTTP connections live).
  static let connections = 100

  init(_ labels: [ServerProfile.Label], seed: UInt64, context: SectionContext) throws {
    guard let first = labels.first else { throw LessonError("a flag section needs a server") }
    runtime = context.runtime
    isVirtual = context.configuration.isVirtual
    speed = context.speed
    self.seed = seed
    // The section's latency knob, if it has one; the lessons' half second otherwise.
    let latency = context.parameters.value(Self.latencyParameter.name).map {
      Duration.milliseconds(Int(($0 * 1000).rounded()))
    }
    let profiles = Dictionary(
      uniqueKeysWithValues: labels.map {
        ($0, Self.profile($0, seed: seed, latency: latency ?? Self.latency))
      })
    self.profiles = profiles
    progress = Self.progressOutput(runtime: runtime, live: !isVirtual)
    var started: [FlagServer] = []
    do {
      if isVirtual {
        folder = .nowhere
        urls = Dictionary(uniqueKeysWithValues: labels.map { ($0, SiteLabel.url(of: $0)) })
        context.note(Self.virtualNote(labels.map(\.rawValue)).text(in: context.language))
      } else {
        for label in labels {
          let profile =
            profiles[label] ?? Self.profile(label, seed: seed, latency: latency ?? Self.latency)
          let server = FlagServer(profile: profile, port: 0, speed: speed)
          try server.start()
          started.append(server)
        }
        urls = Dictionary(uniqueKeysWithValues: started.map { ($0.profile.label, $0.baseURL) })
        let (folder, fresh) = try Self.folder(context.destination, section: context.sectionID)
        self.folder = folder
        context.note(
          Self.liveNote(started, folder: folder, fresh: fresh).text(in: context.language))
      }
      site = try Self.makeSite(
        first, profiles: profiles, urls: urls, runtime: runtime, isVirtual: isVirtual,
        speed: speed, folder: folder, progress: progress, connections: Self.connections,
        timeout: .seconds(10))
    } catch {
      for server in started { server.stop() }
      throw error
    }
    servers = started
  }

  /// Stops the servers; the flags saved stay where they are, for the learner to look at.
  func tearDown() {
    for server in servers { server.stop() }
  }

  /// A site for `label` with room for `connections` requests at once and `timeout` each, in
  /// lesson time: this section's server of that kind (or its mock), or the book's REMOTE site.
  func site(_ label: SiteLabel, connections: Int, timeout: Duration) throws -> FlagSite {
    guard let profileLabel = label.profileLabel else {
      let network: any FlagNetwork =
        isVirtual
        ? MockFlagNetwork(
          .unreachable(host: "flupy.org"), runtime: runtime, timeout: timeout)
        : HTTPFlagNetwork(maxConnections: connections, timeout: Self.real(timeout, speed: speed))
      return FlagSite(
        network: TracedFlagNetwork(network, runtime: runtime), baseURL: SiteLabel.remoteURL,
        folder: folder, progress: progress)
    }
    return try Self.makeSite(
      profileLabel, profiles: profiles, urls: urls, runtime: runtime, isVirtual: isVirtual,
      speed: speed, folder: folder, progress: progress, connections: connections,
      timeout: timeout)
  }

  private static func makeSite(
    _ label: ServerProfile.Label, profiles: [ServerProfile.Label: ServerProfile],
    urls: [ServerProfile.Label: String], runtime: Runtime, isVirtual: Bool, speed: Double,
    folder: FlagFolder, progress: ProgressOutput, connections: Int, timeout: Duration
  ) throws -> FlagSite {
    guard let profile = profiles[label], let url = urls[label] else {
      let kinds = profiles.keys.map(\.rawValue).sorted().joined(separator: " and ")
      throw LessonError("this section has no \(label.rawValue) server, only \(kinds)")
    }
    let network: any FlagNetwork =
      isVirtual
      ? MockFlagNetwork(.profile(profile), runtime: runtime, timeout: timeout)
      : HTTPFlagNetwork(maxConnections: connections, timeout: real(timeout, speed: speed))
    return FlagSite(
      network: TracedFlagNetwork(network, runtime: runtime), baseURL: url, folder: folder,
      progress: progress)
  }

  /// A lesson-time `timeout` in real time at `speed`, but never under a second: real HTTP
  /// has costs that do not shrink with the speed.
  static func real(_ timeout: Duration, speed: Double) -> Duration {
    max(timeout / speed, .seconds(1))
  }

  /// The folder the user chose, or a fresh temporary one (`true`); made and checked.
  private static func folder(
    _ destination: String?, section: String
  ) throws -> (FlagFolder, Bool) {
    if let destination {
      let folder = FlagFolder(destination)
      try folder.prepare()
      return (folder, false)
    }
    var template = Array((NSTemporaryDirectory() + "lessons-\(section)-XXXXXX").utf8CString)
    let made = template.withUnsafeMutableBufferPointer { buffer in
      buffer.baseAddress.flatMap { mkdtemp($0) }.map { String(cString: $0) }
    }
    guard let path = made else {
      let reason = String(cString: strerror(errno))
      throw LessonError("cannot make a temporary folder for the flags: \(reason)")
    }
    return (FlagFolder(path), true)
  }

  /// `Virtual time: a mock of the DELAY server answers; no flags are saved.`
  static func virtualNote(_ names: [String]) -> Localized {
    let mocks =
      names.count == 1
      ? "a mock of the \(names[0]) server answers"
      : "mocks of the \(names.joined(separator: " and ")) servers answer"
    let servers = names.joined(separator: ", ")
    return Localized(
      en: "Virtual time: \(mocks); no flags are saved.",
      ko: "가상 시간: \(servers) 모의 서버가 응답하며, 국기는 저장하지 않습니다.")
  }

  /// Which servers started where, and where the flags go: two short lines.
  static func liveNote(_ servers: [FlagServer], folder: FlagFolder, fresh: Bool) -> Localized {
    let labels = servers.map { ($0.profile.label.rawValue, $0.baseURL, $0.port) }
    return liveNote(labels, folder: folder.path, fresh: fresh)
  }

  /// The live note for servers given as (label, URL, port).
  static func liveNote(
    _ servers: [(label: String, url: String, port: UInt16)], folder: String, fresh: Bool
  ) -> Localized {
    let ports = servers.map { "\($0.label) on port \($0.port)" }.joined(separator: ", ")
    let started =
      servers.count == 1
      ? "Started a \(servers[0].label) flag server at \(servers[0].url)"
      : "Started flag servers on 127.0.0.1: \(ports)"
    let saved = (fresh ? "Flags are saved in a new folder, " : "Flags are saved in ") + folder
    let portsKorean = servers.map { "\($0.label) \($0.port)번 포트" }.joined(separator: ", ")
    let startedKorean =
      servers.count == 1
      ? "\(servers[0].label) 국기 서버를 \(servers[0].url)에 띄웠습니다"
      : "127.0.0.1에 국기 서버를 띄웠습니다: \(portsKorean)"
    let savedKorean =
      (fresh ? "국기는 새로 만든 폴더에 저장합니다: " : "국기는 이 폴더에 저장합니다: ") + folder
    return Localized(en: started + "\n" + saved, ko: startedKorean + "\n" + savedKorean)
  }

  /// The console, where a transcript keeps the bar's last line; live on a terminal, the bar
  /// is also redrawn on standard error as it moves, and wiped before its last line is kept.
  static func progressOutput(runtime: Runtime, live: Bool) -> ProgressOutput {
    let console = ProgressOutput.console(runtime)
    guard live, StandardStream.output.isTerminal, StandardStream.error.isTerminal else {
      return console
    }
    let write: @Sendable (String) -> Void = { text in
      guard text.hasSuffix("\n") else { return StandardStream.error.write(text) }
      StandardStream.error.write("\r" + String(repeating: " ", count: text.count) + "\r")
      var line = Substring(text)
      while line.first == "\r" { line.removeFirst() }
      while let last = line.last, last == " " || last == "\n" { line.removeLast() }
      runtime.console.write(line + "\n")
    }
    return ProgressOutput(
      redraws: true, columns: { StandardStream.error.columns.map { min($0, 80) } }, write: write)
  }
}

/// A lesson that cannot go on, said in one sentence.
struct LessonError: Error, CustomStringConvertible {
  let description: String
  init(_ description: String) { self.description = description }
}

extension SiteLabel {
  /// The URL of the book's site for a server of this kind, on its usual port.
  static func url(of label: ServerProfile.Label) -> String {
    "http://127.0.0.1:\(label.defaultPort)/flags"
  }
}
