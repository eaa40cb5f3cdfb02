/// What the flag server does with one request before answering it: wait, and maybe fail.
///
/// Made by ``ServerProfile/plan(for:)``. The live server sleeps the connection's thread
/// for ``delay``; a mock network can wait the same ``delay`` on a virtual clock instead.
///
///     let plan = ServerProfile(.error, seed: 7).plan(for: "/flags/cn/cn.gif")
///     // ResponsePlan(delay: 2.731 seconds, fails: false), for instance
public struct ResponsePlan: Equatable, Hashable, Sendable {
  /// How long to wait before answering.
  ///
  /// Zero for the LOCAL profile.
  public var delay: Duration
  /// Whether to answer `500 Internal Server Error` instead of the resource.
  ///
  /// Only the ERROR profile fails requests.
  public var fails: Bool

  /// Creates a plan.
  ///
  /// A negative delay is treated as zero by the server.
  public init(delay: Duration, fails: Bool) {
    self.delay = delay
    self.fails = fails
  }

  /// Answer at once, successfully.
  ///
  /// What every LOCAL request gets.
  public static let immediate = ResponsePlan(delay: .zero, fails: false)
}
