/// What the flag server does with one request before answering it: wait, and maybe fail.
///
/// Made by ``ServerProfile/plan(for:)``. The live server sleeps the connection's thread
/// for ``delay``; a mock network can wait the same ``delay`` on a virtual clock instead.
///
///     let plan = ServerProfile(.error, seed: 7).plan(for: "/flags/cn/cn.gif")
///     // ResponsePlan(delay: 2.731 seconds, fails: false), for instance
struct ResponsePlan: Equatable, Hashable, Sendable {
  /// How long to wait before answering (a negative delay is treated as zero).
  ///
  /// Zero for the LOCAL profile.
  var delay: Duration
  /// Whether to answer `500 Internal Server Error` instead of the resource.
  ///
  /// Only the ERROR profile fails requests.
  var fails: Bool

  /// Answer at once, successfully.
  ///
  /// What every LOCAL request gets.
  static let immediate = ResponsePlan(delay: .zero, fails: false)
}
