import Foundation

/// Collects text written from any thread: a sink to hand to code that writes output.
///
///     let sink = TextSink()
///     sink.write("BR ")
///     sink.text   // "BR "
public final class TextSink: @unchecked Sendable {
  private let lock = NSLock()
  private var pieces: [String] = []

  /// An empty sink.
  public init() {}

  /// Appends `text`.
  public func write(_ text: String) { lock.withLock { pieces.append(text) } }

  /// Everything written so far, in order.
  public var text: String { lock.withLock { pieces.joined() } }

  /// How many pieces were written.
  public var count: Int { lock.withLock { pieces.count } }
}

/// A fresh empty folder under the temporary directory, removed after `body`.
public func withTemporaryFolder<T>(_ body: (String) throws -> T) rethrows -> T {
  let path = NSTemporaryDirectory() + "lessons-tests-" + UUID().uuidString
  defer { try? FileManager.default.removeItem(atPath: path) }
  return try body(path)
}
