import Flags
import Foundation

/// The flag site's files and their bytes, as a LOCAL flag server serves them: what a load run
/// asks for, and what every answer must be.
struct FlagPaths: Sendable {
  /// `/flags/cn/cn.gif` and `/flags/cn/metadata.json` for every flag, in turn.
  let paths: [String]
  /// The body each path must come back with.
  let bodies: [String: Data]

  /// The paths and bodies of every flag, from the mock of a LOCAL server (the same bytes).
  static let all: FlagPaths = {
    let mock = MockFlagNetwork(.profile(ServerProfile(.local)))
    var paths: [String] = []
    var bodies: [String: Data] = [:]
    for code in Countries.available.map({ $0.lowercased() }) {
      for file in ["\(code).gif", "metadata.json"] {
        let path = "/flags/\(code)/\(file)"
        paths.append(path)
        if case .success(let response) = mock.outcome(for: "http://127.0.0.1\(path)").result {
          bodies[path] = response.body
        }
      }
    }
    return FlagPaths(paths: paths, bodies: bodies)
  }()

  /// What is wrong with `response` to a request for `path`, or nil if it is the flag's.
  func problem(with response: HTTPClientResponse, for path: String) -> String? {
    if response.status != 200 { return "\(path): status \(response.status)" }
    guard let expected = bodies[path] else { return "\(path): no such file in the mock" }
    if response.body != expected {
      return "\(path): \(response.body.count) bytes, not the flag's \(expected.count)"
    }
    return nil
  }
}
