/// Deadlines in virtual time, earliest first; equal deadlines come out in the order they were
/// added, which keeps the canonical schedule FIFO.
struct TimerQueue<Payload> {
  struct Entry {
    let deadline: Duration
    let sequence: UInt64
    let payload: Payload
  }

  private var heap: [Entry] = []
  private var nextSequence: UInt64 = 0

  var isEmpty: Bool { heap.isEmpty }
  var earliest: Duration? { heap.first?.deadline }

  mutating func push(_ deadline: Duration, _ payload: Payload) {
    heap.append(Entry(deadline: deadline, sequence: nextSequence, payload: payload))
    nextSequence += 1
    var child = heap.count - 1
    while child > 0 {
      let parent = (child - 1) / 2
      guard precedes(heap[child], heap[parent]) else { break }
      heap.swapAt(child, parent)
      child = parent
    }
  }

  mutating func pop() -> Entry? {
    guard !heap.isEmpty else { return nil }
    heap.swapAt(0, heap.count - 1)
    let top = heap.removeLast()
    var parent = 0
    while true {
      let left = 2 * parent + 1
      let right = left + 1
      var first = parent
      if left < heap.count && precedes(heap[left], heap[first]) { first = left }
      if right < heap.count && precedes(heap[right], heap[first]) { first = right }
      if first == parent { break }
      heap.swapAt(parent, first)
      parent = first
    }
    return top
  }

  private func precedes(_ a: Entry, _ b: Entry) -> Bool {
    a.deadline != b.deadline ? a.deadline < b.deadline : a.sequence < b.sequence
  }
}
