import Foundation

/// A result handed from one thread to another, set once.
final class ResultBox<T>: @unchecked Sendable {
  private let lock = NSLock()
  private var result: Result<T, any Error>?

  func set(_ value: Result<T, any Error>) { lock.withLock { result = value } }

  func get() throws -> T {
    let value = lock.withLock { result }
    guard let value else { preconditionFailure("result read before it was set") }
    return try value.get()
  }

  var isSet: Bool { lock.withLock { result != nil } }
}
