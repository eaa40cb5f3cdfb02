import ConcurrencyRuntime

/// The random choices of a stress run, from one seed, so that a run can be repeated.
struct StressRandom {
  private var generator: SplitMix64

  init(seed: UInt64) { generator = SplitMix64(seed: seed) }

  /// True `percent` times in a hundred.
  mutating func chance(_ percent: Int) -> Bool {
    Int(generator.next(below: 100)) < percent
  }

  /// A whole number in `range`.
  mutating func number(in range: ClosedRange<Int>) -> Int {
    range.lowerBound + Int(generator.next(below: UInt64(range.count)))
  }

  /// One of `choices`, which must not be empty.
  mutating func pick<T>(_ choices: [T]) -> T {
    choices[Int(generator.next(below: UInt64(choices.count)))]
  }

  /// A time-out for a wait: none (a third of the time), none at all to wait (`.zero`), or a
  /// short one, so that waits often end before the work does.
  mutating func timeout() -> Duration? {
    pick([nil, nil, .zero, .microseconds(20), .microseconds(200), .milliseconds(2)])
  }

  /// `items` in a random order.
  mutating func shuffled<T>(_ items: [T]) -> [T] {
    var items = items
    items.shuffle(using: &generator)
    return items
  }
}
