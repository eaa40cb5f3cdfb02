import ConcurrencyRuntime

/// The inputs of a `map` with a `bufferSize` not yet submitted, and how to submit the next one.
///
/// It holds the executor strongly, where CPython's generator holds a weak reference: Swift may
/// end a local variable's life at its last use, so a weakly held executor could vanish while
/// its results are still being read and silently end the iteration early. The executor does
/// not hold the results, so there is no cycle; it lives until the iteration ends or the results
/// are dropped.
@usableFromInline
final class MapInput<E: Executor, Items: IteratorProtocol, T: Sendable>
where Items.Element: Sendable {
  @usableFromInline let executor: E
  @usableFromInline var items: Items
  @usableFromInline let transform: @Sendable (Items.Element) throws -> T
  /// Whether tasks are labelled with their input, for the trace's spans.
  @usableFromInline let labelled: Bool

  @inlinable
  init(
    executor: E, items: Items, transform: @escaping @Sendable (Items.Element) throws -> T,
    labelled: Bool
  ) {
    self.executor = executor
    self.items = items
    self.transform = transform
    self.labelled = labelled
  }

  /// Submits the next input and returns its future; nil once the inputs have run out.
  @inlinable
  func submitNext() throws -> Future<T>? {
    guard let item = items.next() else { return nil }
    let transform = self.transform
    return try executor.submit(label: labelled ? "\(item)" : nil) { try transform(item) }
  }
}
