/// The deadlines of tasks parked on an event loop, earliest first: a binary min-heap.
///
/// A wait that ends early leaves its entry behind (its wakeup is then used, and firing it does
/// nothing); the heap is rebuilt without such entries once they are the majority, so a loop
/// that waits millions of times with long time-outs keeps a small heap.
struct EventLoopTimers {
  private struct Entry {
    var deadline: ContinuousClock.Instant
    var order: UInt64
    var wakeup: EventLoop.Wakeup
  }

  private var heap: [Entry] = []
  private var count: UInt64 = 0
  private var finishedEarly = 0

  var isEmpty: Bool { heap.isEmpty }

  /// Wakes `wakeup` with ``EventLoop/WaitOutcome/timedOut`` at `deadline`, unless it was used.
  mutating func add(_ deadline: ContinuousClock.Instant, _ wakeup: EventLoop.Wakeup) {
    count += 1
    heap.append(Entry(deadline: deadline, order: count, wakeup: wakeup))
    siftUp(heap.count - 1)
  }

  /// Notes that a wait with a deadline ended before it, leaving a dead entry behind.
  mutating func noteFinishedEarly() {
    finishedEarly += 1
    guard finishedEarly > 64, finishedEarly * 2 > heap.count else { return }
    heap.removeAll { $0.wakeup.isUsed }
    finishedEarly = 0
    for index in stride(from: heap.count / 2 - 1, through: 0, by: -1) { siftDown(index) }
  }

  /// Milliseconds until the earliest deadline, rounded up (0 if it has passed; -1 if none):
  /// `epoll_wait`'s time-out.
  func millisecondsUntilNext(now: ContinuousClock.Instant) -> Int32 {
    guard let first = heap.first else { return -1 }
    return Self.milliseconds(from: now, to: first.deadline)
  }

  /// Whole milliseconds from `now` to `deadline`, rounded up so that a wait never ends just
  /// short of its deadline and spins; 0 if it has passed, capped at about eleven days.
  static func milliseconds(from now: ContinuousClock.Instant, to deadline: ContinuousClock.Instant)
    -> Int32
  {
    let left = now.duration(to: deadline)
    guard left > .zero else { return 0 }
    let (seconds, attoseconds) = left.components
    guard seconds < 1_000_000 else { return 1_000_000_000 }
    let millis = seconds * 1000 + (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000
    return Int32(millis)
  }

  /// Fires every entry whose deadline is at or before `now`, earliest first.
  mutating func fireDue(now: ContinuousClock.Instant) {
    while let first = heap.first, first.deadline <= now {
      let last = heap.removeLast()
      if !heap.isEmpty {
        heap[0] = last
        siftDown(0)
      }
      if !first.wakeup.finish(.timedOut) { finishedEarly = max(finishedEarly - 1, 0) }
    }
  }

  private func less(_ a: Int, _ b: Int) -> Bool {
    heap[a].deadline < heap[b].deadline
      || (heap[a].deadline == heap[b].deadline && heap[a].order < heap[b].order)
  }

  private mutating func siftUp(_ start: Int) {
    var child = start
    while child > 0 {
      let parent = (child - 1) / 2
      guard less(child, parent) else { return }
      heap.swapAt(child, parent)
      child = parent
    }
  }

  private mutating func siftDown(_ start: Int) {
    var parent = start
    while true {
      let left = 2 * parent + 1
      guard left < heap.count else { return }
      var smallest = left
      if left + 1 < heap.count, less(left + 1, left) { smallest = left + 1 }
      guard less(smallest, parent) else { return }
      heap.swapAt(parent, smallest)
      parent = smallest
    }
  }
}
