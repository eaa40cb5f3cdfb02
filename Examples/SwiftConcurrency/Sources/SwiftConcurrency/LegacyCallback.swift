import Foundation

/// Waits for an old callback API that answers on a Dispatch queue after a delay: the
/// continuation is resumed on a Dispatch thread, by a timer of Dispatch's own.
///
/// This is ordinary code, and fine in a program; it is here because a virtual runtime cannot
/// see a Dispatch timer or thread, so it cannot run this on its clock, and must say so rather
/// than hang or crash.
///
///     let answer = await LegacyCallback(log: { print($0) }).run()
///     // asking the legacy API
///     // the legacy API answered 42
public struct LegacyCallback: Sendable {
  /// How long the legacy API takes to answer.
  public var delay: DispatchTimeInterval
  /// Where the lines go.
  public var log: Log

  /// A wait of `delay` for the legacy API.
  public init(delay: DispatchTimeInterval = .milliseconds(50), log: @escaping Log) {
    self.delay = delay
    self.log = log
  }

  /// Asks the legacy API and returns its answer.
  @discardableResult
  public func run() async -> Int {
    log("asking the legacy API")
    let delay = self.delay
    let answer = await withCheckedContinuation { continuation in
      DispatchQueue.global().asyncAfter(deadline: .now() + delay) {
        continuation.resume(returning: 42)
      }
    }
    log("the legacy API answered \(answer)")
    return answer
  }
}
