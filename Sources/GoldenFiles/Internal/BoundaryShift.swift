/// Slides each run of changed lines to where GNU `diff` would show it.
///
/// A shortest edit script is rarely unique. When a line is inserted next to an equal line, or a
/// run of changes is bordered by lines equal to its own first or last line, the same edit can
/// be drawn in several places. GNU `diff` settles it after the search: it slides a run back
/// while that merges it with an earlier run, then forward as far as it will go, then back again
/// to line up with a change in the other text. Doing the same here makes the output agree with
/// `diff -u` hunk for hunk, and joins changes that a bare search would scatter.
enum BoundaryShift {
  /// Slides the runs in `changed` (the flags of one text, whose lines are `lines`) given the
  /// flags `other` of the other text, which stay put.
  static func apply(_ changed: inout [Bool], lines: [Int], other: [Bool]) {
    let end = lines.count
    // Outside the arrays nothing is changed: the walks below rely on it to stop.
    func isChanged(_ index: Int) -> Bool { index >= 0 && index < end && changed[index] }
    func otherChanged(_ index: Int) -> Bool { index >= 0 && index < other.count && other[index] }

    // `line` walks this text; `partner` walks the other text, just past the unchanged line
    // that pairs with the last unchanged line seen here.
    var line = 0
    var partner = 0
    while true {
      while line < end && !changed[line] {
        while otherChanged(partner) { partner += 1 }
        partner += 1
        line += 1
      }
      if line == end { return }

      var start = line
      line += 1
      while isChanged(line) { line += 1 }
      while otherChanged(partner) { partner += 1 }

      // The end of the run, at the last place it lined up with a change in the other text
      // (`end` when it never did).
      var aligned = end
      var length = 0
      repeat {
        length = line - start
        // Back, while the line before the run equals its last line: this may join the run
        // to the one before.
        while start > 0 && lines[start - 1] == lines[line - 1] {
          start -= 1
          changed[start] = true
          line -= 1
          changed[line] = false
          while isChanged(start - 1) { start -= 1 }
          partner -= 1
          while otherChanged(partner) { partner -= 1 }
        }
        aligned = otherChanged(partner - 1) ? line : end
        // Forward, while the line after the run equals its first line: this may join the run
        // to the next one, and otherwise leaves it as late as it can be.
        while line < end && lines[start] == lines[line] {
          changed[start] = false
          start += 1
          changed[line] = true
          line += 1
          while isChanged(line) { line += 1 }
          partner += 1
          while otherChanged(partner) {
            aligned = line
            partner += 1
          }
        }
      } while length != line - start

      // Back to where the run faced a change in the other text, if it ever did.
      while aligned < line {
        start -= 1
        changed[start] = true
        line -= 1
        changed[line] = false
        partner -= 1
        while otherChanged(partner) { partner -= 1 }
      }
    }
  }
}
