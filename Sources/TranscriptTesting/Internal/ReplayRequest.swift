import ConcurrencyRuntime
import Foundation

/// What the environment asks `assertInvariants` to run: every seed it was given, one seed
/// (`LESSONS_SEED=17`), or one recorded schedule exactly (`LESSONS_SCHEDULE=path`, which wins
/// when both are set).
enum ReplayRequest: Equatable {
  case allSeeds
  case seed(UInt64)
  case schedule(Schedule, path: String)

  /// The environment variable that picks one seed.
  static let seedVariable = "LESSONS_SEED"
  /// The environment variable that names a schedule file to replay.
  static let scheduleVariable = "LESSONS_SCHEDULE"

  /// The request `environment` makes; throws one line when a variable is set to nonsense.
  init(environment: [String: String]) throws(ReplayRequestError) {
    if let path = environment[Self.scheduleVariable], !path.isEmpty {
      let text: String
      do {
        text = try String(contentsOfFile: path, encoding: .utf8)
      } catch {
        throw ReplayRequestError("\(Self.scheduleVariable): cannot read \(path)")
      }
      do {
        self = .schedule(try Schedule(text: text), path: path)
      } catch {
        throw ReplayRequestError("\(Self.scheduleVariable): \(path): \(error)")
      }
    } else if let text = environment[Self.seedVariable], !text.isEmpty {
      guard let seed = UInt64(text.trimmingCharacters(in: .whitespaces)) else {
        throw ReplayRequestError(
          "\(Self.seedVariable) must be a whole number from 0, not '\(text)'")
      }
      self = .seed(seed)
    } else {
      self = .allSeeds
    }
  }

  /// The runs to make: `seeds`, or the one the environment asks for.
  func choices(seeds: some Sequence<UInt64>) -> [ScheduleChoice] {
    switch self {
    case .allSeeds: seeds.map { .seed($0) }
    case .seed(let seed): [.seed(seed)]
    case .schedule(let schedule, _): [.replay(schedule)]
    }
  }

  /// Whether one run is replayed, whose whole output a failure then shows.
  var isReplay: Bool { self != .allSeeds }
}

/// A replay variable set to something that cannot be replayed.
struct ReplayRequestError: Error, CustomStringConvertible {
  var description: String
  init(_ description: String) { self.description = description }
}
