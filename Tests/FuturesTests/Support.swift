import ConcurrencyRuntime
import Foundation
import Futures

extension RuntimeConfiguration {
  /// The two runtimes a contract test runs in: the canonical virtual one, and live at 5x.
  static let contractCases: [RuntimeConfiguration] = [.canonical, .live(speed: 5)]

  /// Runs `body` as the main thread of a fresh runtime of this configuration, its console
  /// output dropped.
  func run<T: Sendable>(_ body: @escaping @Sendable (Runtime) throws -> T) throws -> T {
    let runtime = makeRuntime { _ in }
    return try runtime.run { try body(runtime) }
  }
}

struct Boom: Error, Equatable {}

/// A thread-safe list for recording what happened from several threads.
final class Log<T: Sendable>: @unchecked Sendable {
  private let lock = NSLock()
  private var items: [T] = []
  func append(_ item: T) { lock.withLock { items.append(item) } }
  var all: [T] { lock.withLock { items } }
}

/// A one-shot gate built on the runtime, to hold a task until the test opens it.
final class Gate: @unchecked Sendable {
  private let condition: any RuntimeCondition
  private var open = false
  init(_ runtime: Runtime) { condition = runtime.makeCondition(label: "gate") }
  func pass() { condition.withLock { while !open { condition.wait() } } }
  func release() {
    condition.withLock {
      open = true
      condition.notifyAll()
    }
  }
}

/// A value with an identity, so that a test can hold it weakly and see when it is freed.
final class Payload: Sendable {
  let value: Int
  init(_ value: Int) { self.value = value }
}
