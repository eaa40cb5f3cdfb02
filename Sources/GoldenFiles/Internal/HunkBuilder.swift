/// Turns two texts into the hunks of their unified diff.
enum HunkBuilder {
  /// A maximal run of changes: lines removed from the old text, then lines added from the new.
  private struct Block {
    var old: Range<Int>
    var new: Range<Int>
  }

  /// The hunks that turn `old` into `new`, each with up to `context` unchanged lines around its
  /// changes; changes closer than twice that share a hunk, as in `diff -u`.
  static func hunks(old: Lines, new: Lines, context: Int) -> [UnifiedDiff.Hunk] {
    let numbering = LineNumbering(old: old, new: new)
    let edit = ShortestEdit(old: numbering.old, new: numbering.new)
    var removed = edit.removed
    var inserted = edit.inserted
    BoundaryShift.apply(&removed, lines: numbering.old, other: inserted)
    BoundaryShift.apply(&inserted, lines: numbering.new, other: removed)

    var groups: [[Block]] = []
    for block in blocks(removed: removed, inserted: inserted) {
      if let previous = groups.last?.last,
        block.old.lowerBound - previous.old.upperBound <= 2 * context
      {
        groups[groups.count - 1].append(block)
      } else {
        groups.append([block])
      }
    }
    return groups.map { hunk($0, old: old, new: new, context: context) }
  }

  /// The runs of changes, in order. Unchanged lines pair up one to one between the texts.
  private static func blocks(removed: [Bool], inserted: [Bool]) -> [Block] {
    var blocks: [Block] = []
    var oldLine = 0
    var newLine = 0
    while oldLine < removed.count || newLine < inserted.count {
      let oldChanged = oldLine < removed.count && removed[oldLine]
      let newChanged = newLine < inserted.count && inserted[newLine]
      if oldChanged || newChanged {
        let (oldStart, newStart) = (oldLine, newLine)
        while oldLine < removed.count && removed[oldLine] { oldLine += 1 }
        while newLine < inserted.count && inserted[newLine] { newLine += 1 }
        blocks.append(Block(old: oldStart..<oldLine, new: newStart..<newLine))
      } else if oldLine < removed.count && newLine < inserted.count {
        oldLine += 1
        newLine += 1
      } else {
        // An unchanged line without a partner cannot come out of the search; stop rather
        // than misreport.
        break
      }
    }
    return blocks
  }

  /// One hunk: the group's changes with their context, and its `@@` line numbers.
  private static func hunk(_ group: [Block], old: Lines, new: Lines, context: Int)
    -> UnifiedDiff.Hunk
  {
    let first = group[0]
    let last = group[group.count - 1]
    let before = min(context, first.old.lowerBound, first.new.lowerBound)
    let after = min(context, old.count - last.old.upperBound, new.count - last.new.upperBound)
    let oldFrom = first.old.lowerBound - before
    let newFrom = first.new.lowerBound - before
    var lines: [UnifiedDiff.Line] = []
    func unchanged(_ range: Range<Int>) {
      for index in range {
        lines.append(.init(.context, old.text(index), hasNewline: old.hasNewline(index)))
      }
    }
    var oldLine = oldFrom
    for block in group {
      unchanged(oldLine..<block.old.lowerBound)
      for index in block.old {
        lines.append(.init(.removed, old.text(index), hasNewline: old.hasNewline(index)))
      }
      for index in block.new {
        lines.append(.init(.added, new.text(index), hasNewline: new.hasNewline(index)))
      }
      oldLine = block.old.upperBound
    }
    unchanged(oldLine..<(last.old.upperBound + after))
    return UnifiedDiff.Hunk(
      oldOffset: oldFrom, oldCount: last.old.upperBound + after - oldFrom,
      newOffset: newFrom, newCount: last.new.upperBound + after - newFrom, lines: lines)
  }
}
