import ConcurrencyRuntime
import Foundation
import Testing

/// One virtual run of async `body`: what it printed, how it ended, and its schedule.
struct AsyncRun {
  var text: String
  var error: (any Error)?
  var schedule: Schedule?

  var escape: RuntimeEscape? {
    if case .escaped(let escape) = error as? RuntimeError { return escape }
    return nil
  }

  init(
    seed: UInt64? = nil, schedule: Schedule? = nil,
    _ body: @escaping @Sendable () async throws -> Void
  ) {
    let out = Transcript()
    let runtime = Runtime.virtual(seed: seed, schedule: schedule, output: out.sink)
    do {
      try runtime.run { try runtime.runAsync(body) }
    } catch {
      self.error = error
    }
    text = out.text
    self.schedule = runtime.schedule
  }
}

/// Prints `text` on the running runtime's console, stamped.
func say(_ text: String) { Runtime.current.console.display(text) }

/// A value behind a lock, for tests that gather results from several threads.
final class Protected<Value>: @unchecked Sendable {
  private let lock = NSLock()
  private var value: Value
  init(_ value: Value) { self.value = value }
  func withLock<T>(_ body: (inout Value) -> T) -> T { lock.withLock { body(&value) } }
}
