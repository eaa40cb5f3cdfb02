import Foundation

/// The runs of an exploration, filled in from several threads, each index once.
///
/// `@unchecked Sendable`: the array is only touched under the lock.
final class ExplorationSlots<Element>: @unchecked Sendable {
  private let lock = NSLock()
  private var elements: [Element?]

  init(count: Int) { elements = Array(repeating: nil, count: count) }

  func set(_ index: Int, _ element: Element) { lock.withLock { elements[index] = element } }

  var all: [Element] { lock.withLock { elements.compactMap { $0 } } }
}
