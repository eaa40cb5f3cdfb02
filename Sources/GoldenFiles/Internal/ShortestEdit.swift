/// Which lines a shortest edit script removes from the old text and inserts from the new one.
///
/// Myers' algorithm ("An O(ND) Difference Algorithm and Its Variations", 1986) in its
/// linear-space form: search from both ends of the edit graph at once until the two searches
/// meet on a "middle snake", then solve the two halves on either side of it. Time grows with
/// the size of the texts times the number of differences, memory with the size of the texts,
/// so a few thousand lines with a few changes take microseconds, and two unrelated texts of a
/// few thousand lines still take well under a second.
///
/// Lines are numbers here (equal lines, equal numbers; see ``LineNumbering``).
struct ShortestEdit {
  /// `removed[i]`: line `i` of the old text is not in the new one.
  private(set) var removed: [Bool]
  /// `inserted[j]`: line `j` of the new text is not in the old one.
  private(set) var inserted: [Bool]

  init(old: [Int], new: [Int]) {
    removed = Array(repeating: false, count: old.count)
    inserted = Array(repeating: false, count: new.count)
    // A line that appears nowhere in the other text is an edit whatever the alignment, so it
    // is marked now and left out of the search: unrelated texts then cost no search at all.
    let oldLines = Set(old)
    let newLines = Set(new)
    let oldKept = old.indices.filter { newLines.contains(old[$0]) }
    let newKept = new.indices.filter { oldLines.contains(new[$0]) }
    for index in old.indices where !newLines.contains(old[index]) { removed[index] = true }
    for index in new.indices where !oldLines.contains(new[index]) { inserted[index] = true }

    var search = MiddleSnakeSearch(old: oldKept.map { old[$0] }, new: newKept.map { new[$0] })
    search.compare(old: 0..<oldKept.count, new: 0..<newKept.count)
    for (position, index) in oldKept.enumerated() where search.removed[position] {
      removed[index] = true
    }
    for (position, index) in newKept.enumerated() where search.inserted[position] {
      inserted[index] = true
    }
  }
}

/// The divide-and-conquer search itself, over two sequences of line numbers.
private struct MiddleSnakeSearch {
  let old: [Int]
  let new: [Int]
  var removed: [Bool]
  var inserted: [Bool]
  /// Furthest x reached on each diagonal by the forward search (index: diagonal + `offset`).
  private var forward: [Int]
  /// The same for the backward search, in coordinates measured from the end.
  private var backward: [Int]
  private let offset: Int

  init(old: [Int], new: [Int]) {
    self.old = old
    self.new = new
    removed = Array(repeating: false, count: old.count)
    inserted = Array(repeating: false, count: new.count)
    // A search never needs more than (n + m + 1) / 2 rounds, nor a diagonal beyond one more.
    offset = (old.count + new.count + 1) / 2 + 1
    forward = Array(repeating: 0, count: 2 * offset + 1)
    backward = forward
  }

  /// Marks the edits that turn `old[oldRange]` into `new[newRange]`.
  mutating func compare(old oldRange: Range<Int>, new newRange: Range<Int>) {
    var oldLow = oldRange.lowerBound
    var oldHigh = oldRange.upperBound
    var newLow = newRange.lowerBound
    var newHigh = newRange.upperBound
    while oldLow < oldHigh && newLow < newHigh && old[oldLow] == new[newLow] {
      oldLow += 1
      newLow += 1
    }
    while oldLow < oldHigh && newLow < newHigh && old[oldHigh - 1] == new[newHigh - 1] {
      oldHigh -= 1
      newHigh -= 1
    }
    if oldLow == oldHigh || newLow == newHigh {
      for index in oldLow..<oldHigh { removed[index] = true }
      for index in newLow..<newHigh { inserted[index] = true }
      return
    }
    guard let (x, y) = middleSnake(old: oldLow..<oldHigh, new: newLow..<newHigh) else {
      // Not reached for well-formed input; replacing the whole block is still a correct diff.
      for index in oldLow..<oldHigh { removed[index] = true }
      for index in newLow..<newHigh { inserted[index] = true }
      return
    }
    compare(old: oldLow..<x, new: newLow..<y)
    compare(old: x..<oldHigh, new: y..<newHigh)
  }

  /// The start of the middle snake of a block whose first and last lines differ: a point on a
  /// shortest path, strictly between the block's corners, so both halves are smaller.
  private mutating func middleSnake(old oldRange: Range<Int>, new newRange: Range<Int>) -> (
    Int, Int
  )? {
    let (oldStart, newStart) = (oldRange.lowerBound, newRange.lowerBound)
    let (n, m) = (oldRange.count, newRange.count)
    let delta = n - m
    let odd = delta & 1 != 0
    let rounds = (n + m + 1) / 2
    forward[offset + 1] = 0
    backward[offset + 1] = 0
    for d in 0...rounds {
      // Forward: furthest x on each diagonal k = x - y after d edits, then along equal lines.
      for k in stride(from: -d, through: d, by: 2) {
        let down = k == -d || (k != d && forward[offset + k - 1] < forward[offset + k + 1])
        var x = down ? forward[offset + k + 1] : forward[offset + k - 1] + 1
        var y = x - k
        let start = (x, y)
        while x < n && y < m && old[oldStart + x] == new[newStart + y] {
          x += 1
          y += 1
        }
        forward[offset + k] = x
        if odd && abs(k - delta) <= d - 1 && x + backward[offset + delta - k] >= n {
          return inside(start, n, m).map { (oldStart + $0.0, newStart + $0.1) }
        }
      }
      // Backward: the same from the far corner, x and y counted from the ends.
      for k in stride(from: -d, through: d, by: 2) {
        let down = k == -d || (k != d && backward[offset + k - 1] < backward[offset + k + 1])
        var x = down ? backward[offset + k + 1] : backward[offset + k - 1] + 1
        var y = x - k
        while x < n && y < m && old[oldStart + n - x - 1] == new[newStart + m - y - 1] {
          x += 1
          y += 1
        }
        backward[offset + k] = x
        if !odd && abs(k - delta) <= d && x + forward[offset + delta - k] >= n {
          return inside((n - x, m - y), n, m).map { (oldStart + $0.0, newStart + $0.1) }
        }
      }
    }
    return nil
  }

  /// `point` if it lies inside the n-by-m block and is neither corner, else nil.
  private func inside(_ point: (Int, Int), _ n: Int, _ m: Int) -> (Int, Int)? {
    let (x, y) = point
    guard (0...n).contains(x), (0...m).contains(y), (x, y) != (0, 0), (x, y) != (n, m) else {
      return nil
    }
    return point
  }
}
