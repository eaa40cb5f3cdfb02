import Testing

@testable import GoldenFiles

@Suite("ShortestEdit")
struct ShortestEditTests {
  /// Checks that the flags describe an edit (the lines kept are the same in both texts) and a
  /// shortest one (as many lines kept as a longest common subsequence has).
  private func expectShortest(
    _ old: [Int], _ new: [Int], _ removed: [Bool], _ inserted: [Bool],
    sourceLocation: SourceLocation = #_sourceLocation
  ) {
    let keptOld = old.indices.filter { !removed[$0] }.map { old[$0] }
    let keptNew = new.indices.filter { !inserted[$0] }.map { new[$0] }
    #expect(keptOld == keptNew, "\(old) -> \(new)", sourceLocation: sourceLocation)
    #expect(
      keptOld.count == TestText.longestCommonSubsequence(old, new), "\(old) -> \(new)",
      sourceLocation: sourceLocation)
  }

  /// Every sequence of up to `length` items drawn from `0..<letters`.
  private func sequences(upTo length: Int, letters: Int) -> [[Int]] {
    var all: [[Int]] = [[]]
    var previous: [[Int]] = [[]]
    for _ in 0..<length {
      previous = previous.flatMap { sequence in (0..<letters).map { sequence + [$0] } }
      all += previous
    }
    return all
  }

  @Test("a shortest edit for every pair of sequences of up to five items over two letters")
  func exhaustive() {
    let all = sequences(upTo: 5, letters: 2)
    for old in all {
      for new in all {
        let edit = ShortestEdit(old: old, new: new)
        expectShortest(old, new, edit.removed, edit.inserted)
      }
    }
  }

  @Test("a shortest edit for random edits of random sequences, and for unrelated ones")
  func random() {
    var generator = SeededGenerator(seed: 2024)
    for round in 0..<400 {
      let letters = 2 + round % 8
      let old = (0..<Int.random(in: 0...60, using: &generator)).map { _ in
        Int.random(in: 0..<letters, using: &generator)
      }
      var new = old
      for _ in 0..<Int.random(in: 0...10, using: &generator) {
        let position = Int.random(in: 0...new.count, using: &generator)
        let letter = Int.random(in: 0..<letters, using: &generator)
        switch Int.random(in: 0..<3, using: &generator) {
        case 0 where position < new.count: new.remove(at: position)
        case 1 where position < new.count: new[position] = letter
        default: new.insert(letter, at: position)
        }
      }
      if round % 5 == 0 { new.shuffle(using: &generator) }
      let edit = ShortestEdit(old: old, new: new)
      expectShortest(old, new, edit.removed, edit.inserted)
    }
  }

  @Test("lines found in one text only are edits whatever else happens")
  func uniqueLines() {
    let edit = ShortestEdit(old: [1, 2, 3, 4], new: [5, 2, 6, 4, 7])
    #expect(edit.removed == [true, false, true, false])
    #expect(edit.inserted == [true, false, true, false, true])
  }

  @Test("boundary shifting keeps the edit valid and as short")
  func shiftingKeepsShortest() {
    var generator = SeededGenerator(seed: 99)
    for _ in 0..<400 {
      let old = (0..<Int.random(in: 0...40, using: &generator)).map { _ in
        Int.random(in: 0..<3, using: &generator)
      }
      let new = (0..<Int.random(in: 0...40, using: &generator)).map { _ in
        Int.random(in: 0..<3, using: &generator)
      }
      let edit = ShortestEdit(old: old, new: new)
      var removed = edit.removed
      var inserted = edit.inserted
      BoundaryShift.apply(&removed, lines: old, other: inserted)
      BoundaryShift.apply(&inserted, lines: new, other: removed)
      #expect(removed.filter { $0 }.count == edit.removed.filter { $0 }.count)
      #expect(inserted.filter { $0 }.count == edit.inserted.filter { $0 }.count)
      expectShortest(old, new, removed, inserted)
    }
  }

  @Test("a deleted line among equal lines slides down to the last of them")
  func slidingRuns() {
    var removed = [false, true, false, false, false]
    BoundaryShift.apply(&removed, lines: [0, 1, 1, 1, 2], other: [false, false, false, false])
    #expect(removed == [false, false, false, true, false])
  }
}
