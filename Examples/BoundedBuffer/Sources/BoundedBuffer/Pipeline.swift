import ConcurrencyRuntime

/// Runs `producers` threads that each put `items` numbers into a buffer of `capacity`,
/// taking `produceTime` per item, and `consumers` threads that take them, taking
/// `consumeTime` each; every step is printed. Consumers stop at a `nil` each, sent once
/// every producer is done. Returns how the buffer was used.
///
///     let report = runPipeline(capacity: 2, producers: 1, consumers: 1, items: 3)
///     // [09:00:01] P0 put 0
///     // [09:00:01] C0 took 0
///     // …
///     report.consumed.count   // 3
@discardableResult
public func runPipeline(
  capacity: Int, producers: Int, consumers: Int, items: Int,
  produceTime: Duration = .seconds(1), consumeTime: Duration = .seconds(2)
) -> PipelineReport {
  let runtime = Runtime.current
  let console = runtime.console
  let buffer = BoundedBuffer<String?>(capacity: capacity)
  let consumed = Consumed()
  let producerThreads = (0..<producers).map { p in
    runtime.spawn(name: "P\(p)") {
      for i in 0..<items {
        runtime.sleep(for: produceTime)
        buffer.put("\(p).\(i)")
        console.display("P\(p) put \(p).\(i)")
      }
    }
  }
  let consumerThreads = (0..<consumers).map { c in
    runtime.spawn(name: "C\(c)") {
      while let item = buffer.take() {
        console.display("C\(c) took \(item)")
        consumed.append(item)
        runtime.sleep(for: consumeTime)
      }
    }
  }
  for thread in producerThreads { thread.join() }
  for _ in 0..<consumers { buffer.put(nil) }
  for thread in consumerThreads { thread.join() }
  console.display("done: \(consumed.items.count) items consumed")
  return PipelineReport(consumed: consumed.items, highWaterMark: buffer.highWaterMark)
}

/// What a pipeline did: the items in the order consumers took them, and the most the buffer
/// held (the end markers included).
///
///     report.highWaterMark <= capacity   // true
public struct PipelineReport: Sendable, Equatable {
  /// Every item taken, in the order taken (`1.0` is producer 1's first item).
  public var consumed: [String]
  /// The most items the buffer held at once.
  public var highWaterMark: Int
}

/// Items taken, appended from any consumer thread.
private final class Consumed: @unchecked Sendable {
  private let lock = Runtime.current.makeLock(label: "consumed")
  private var list: [String] = []
  func append(_ item: String) { lock.withLock { list.append(item) } }
  var items: [String] { lock.withLock { list } }
}
