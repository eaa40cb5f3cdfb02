import ConcurrencyRuntime

/// How a flag server behaves: the book's LOCAL, DELAY and ERROR sites.
///
/// - LOCAL answers at once (port 8001).
/// - DELAY waits before every answer: a uniform random 0.5–5.0 s, like the book's
///   `slow_server.py`, or a fixed delay (port 8002).
/// - ERROR fails a quarter of the requests with `500 Internal Server Error` and delays
///   about half of them the same way (port 8003).
///
/// Every decision is a pure function of the seed and the request path (see
/// ``plan(for:)``), so the same seed gives the same delays and errors whatever order the
/// requests arrive in — on a real socket or in a mock network on a virtual clock.
///
///     let slow = ServerProfile(.delay, fixedDelay: .milliseconds(10))
///     slow.plan(for: "/flags/ad/ad.gif")   // ResponsePlan(delay: 0.01 seconds, fails: false)
public struct ServerProfile: Equatable, Hashable, Sendable {
  /// The three kinds of server, named as the book's `--server` option names them.
  ///
  /// The raw value is the upper-case label.
  public enum Label: String, CaseIterable, Hashable, Sendable {
    /// Answers at once.
    ///
    /// The book's local nginx: the fastest, error-free baseline.
    case local = "LOCAL"
    /// Delays every answer.
    ///
    /// Shows how concurrency hides latency.
    case delay = "DELAY"
    /// Fails some answers and delays some.
    ///
    /// Exercises `flags2`'s error handling.
    case error = "ERROR"

    /// The port the book's examples expect: 8001, 8002 or 8003.
    ///
    /// `lessons serve` listens there unless told otherwise with `--port`.
    public var defaultPort: UInt16 {
      switch self {
      case .local: 8001
      case .delay: 8002
      case .error: 8003
      }
    }

    /// Parses a label case-insensitively (`delay`, `Delay`, `DELAY`).
    ///
    /// Returns `nil` for anything else, including `REMOTE`, which this project never serves.
    public init?(parsing text: String) {
      self.init(rawValue: text.uppercased())
    }
  }

  /// How long a delayed request waits.
  ///
  /// Uniform delays are drawn in whole milliseconds, so plans print tidily.
  public enum Delay: Equatable, Hashable, Sendable {
    /// No waiting.
    ///
    /// LOCAL's behaviour.
    case none
    /// Always the same wait.
    ///
    /// What `--delay S` asks for; handy in tests.
    case fixed(Duration)
    /// A wait drawn uniformly from `min...max`, to the millisecond.
    ///
    /// A `max` below `min` means exactly `min`.
    case uniform(min: Duration, max: Duration)
  }

  /// Which kind of server this is.
  ///
  /// Also names the server in logs and picks its default port.
  public var label: Label
  /// How long delayed requests wait.
  ///
  /// Applies to the share of requests given by ``delayedShare``.
  public var delay: Delay
  /// Share of requests, 0–1, answered with a 500 error.
  ///
  /// ERROR uses 0.25 unless told otherwise; the others 0.
  public var errorRate: Double
  /// Share of requests, 0–1, that wait ``delay`` before being answered.
  ///
  /// DELAY delays every request (1), ERROR about half (0.5), LOCAL none (0).
  public var delayedShare: Double
  /// The seed of every random decision.
  ///
  /// Mixed with each request path, so that plans do not depend on arrival order.
  public var seed: UInt64

  /// Creates a profile from all of its parameters.
  ///
  /// Rates outside 0–1 are clamped when planning.
  public init(label: Label, delay: Delay, errorRate: Double, delayedShare: Double, seed: UInt64) {
    self.label = label
    self.delay = delay
    self.errorRate = errorRate
    self.delayedShare = delayedShare
    self.seed = seed
  }

  /// The book's profile for `label`, with optional overrides.
  ///
  /// `fixedDelay` replaces the 0.5–5.0 s random delay of DELAY and ERROR; `errorRate`
  /// replaces ERROR's 0.25. Both are ignored by profiles that have no such behaviour
  /// (LOCAL never waits or fails; DELAY never fails).
  public init(
    _ label: Label, fixedDelay: Duration? = nil, errorRate: Double? = nil, seed: UInt64 = 0
  ) {
    let wait: Delay = fixedDelay.map { .fixed($0) } ?? Self.bookDelay
    switch label {
    case .local:
      self.init(label: label, delay: .none, errorRate: 0, delayedShare: 0, seed: seed)
    case .delay:
      self.init(label: label, delay: wait, errorRate: 0, delayedShare: 1, seed: seed)
    case .error:
      self.init(
        label: label, delay: wait, errorRate: errorRate ?? 0.25, delayedShare: 0.5, seed: seed)
    }
  }

  /// The 2nd edition's `slow_server.py` delay: uniform between 0.5 and 5.0 seconds.
  ///
  /// The default of DELAY and ERROR when no fixed delay is given.
  public static let bookDelay = Delay.uniform(min: .milliseconds(500), max: .milliseconds(5000))

  /// The port this profile's server listens on by default.
  ///
  /// Same as ``Label/defaultPort``.
  public var defaultPort: UInt16 { label.defaultPort }

  /// Decides, for one request, how long to wait and whether to fail.
  ///
  /// A pure function of ``seed`` and the path: the same request always gets the same
  /// plan, in any order and in any process. The path is compared case-insensitively and
  /// without its query, and a full URL is reduced to its path, so `/flags/CN/CN.gif`,
  /// `/flags/cn/cn.gif?x=1` and `http://127.0.0.1:8003/flags/cn/cn.gif` share a plan.
  /// Three draws are always made in the same order (fail, delayed, how long), so changing
  /// the error rate does not move the delays.
  func plan(for path: String) -> ResponsePlan {
    if answersAtOnce { return .immediate }
    let key = Self.planKey(path)
    var salt = SplitMix64(seed: seed)
    var rng = SplitMix64(seed: SplitMix64.fnv1a(key.utf8) ^ salt.next())
    let failDraw = Self.unit(rng.next())
    let delayDraw = Self.unit(rng.next())
    let amountDraw = rng.next()
    let fails = failDraw < min(max(errorRate, 0), 1)
    let delayed = delayDraw < min(max(delayedShare, 0), 1)
    guard delayed else { return ResponsePlan(delay: .zero, fails: fails) }
    switch delay {
    case .none:
      return ResponsePlan(delay: .zero, fails: fails)
    case .fixed(let wait):
      return ResponsePlan(delay: max(wait, .zero), fails: fails)
    case .uniform(let low, let high):
      let lowMs = Self.milliseconds(low)
      let spread = max(Self.milliseconds(high) - lowMs, 0)
      let pick = Int64(amountDraw % UInt64(spread + 1))
      return ResponsePlan(delay: .milliseconds(max(lowMs + pick, 0)), fails: fails)
    }
  }

  /// Whether every plan is ``ResponsePlan/immediate`` (LOCAL's case): nothing fails and
  /// nothing waits, so there is no path to look at and nothing to draw.
  var answersAtOnce: Bool {
    errorRate <= 0 && (delayedShare <= 0 || delay == .none)
  }

  /// The part of `path` that ``plan(for:)`` depends on: lower-cased, no scheme, host or query.
  static func planKey(_ path: String) -> String {
    var text = Substring(path)
    if let scheme = text.range(of: "://") {
      let rest = text[scheme.upperBound...]
      text = rest.firstIndex(of: "/").map { rest[$0...] } ?? "/"
    }
    if let query = text.firstIndex(where: { $0 == "?" || $0 == "#" }) {
      text = text[..<query]
    }
    return text.lowercased()
  }

  /// A uniform double in [0, 1) from the top 53 bits of a draw.
  private static func unit(_ draw: UInt64) -> Double {
    Double(draw >> 11) / Double(UInt64(1) << 53)
  }

  /// A duration in whole milliseconds, rounded down.
  private static func milliseconds(_ duration: Duration) -> Int64 {
    let (seconds, attoseconds) = duration.components
    return seconds * 1000 + attoseconds / 1_000_000_000_000_000
  }
}
