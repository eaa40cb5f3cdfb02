import Foundation

@testable import GoldenFiles

/// A seedable random number generator (SplitMix64), so random tests repeat exactly.
struct SeededGenerator: RandomNumberGenerator {
  private var state: UInt64

  init(seed: UInt64) { state = seed }

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

/// Texts for diff tests.
enum TestText {
  /// One line per element, each ending in a newline.
  static func lines(_ lines: [String]) -> String { lines.map { $0 + "\n" }.joined() }

  /// The lines "1" to "count" (at least one).
  static func numbered(_ count: Int) -> [String] { (1...count).map(String.init) }

  /// A transcript-like text of `count` lines: timestamps, indented worker lines, results.
  static func transcript(_ count: Int) -> [String] {
    (0..<count).map { index in
      let stamp = "[09:00:\(String(format: "%02d", index / 8 % 60))]"
      switch index % 4 {
      case 0: return "\(stamp) Script starting step \(index)."
      case 1: return "\(stamp) \t\tloiter(\(index)): doing nothing for \(index % 5)s..."
      case 2: return "\(stamp) result \(index): \(index * 10)"
      default: return ""
      }
    }
  }

  /// Applies `diff` to `old`, checking that its context and removed lines are really there;
  /// nil if they are not.
  static func apply(_ diff: UnifiedDiff, to old: [String]) -> [String]? {
    var result: [String] = []
    var position = 0
    for hunk in diff.hunks {
      let start = hunk.oldCount == 0 ? hunk.oldStart : hunk.oldStart - 1
      guard start >= position, start <= old.count else { return nil }
      result += old[position..<start]
      position = start
      for line in hunk.lines {
        switch line.kind {
        case .context, .removed:
          guard position < old.count, old[position] == line.text else { return nil }
          if line.kind == .context { result.append(line.text) }
          position += 1
        case .added:
          result.append(line.text)
        }
      }
    }
    return result + old[position...]
  }

  /// The number of removed and added lines in `diff`.
  static func changedLines(_ diff: UnifiedDiff) -> Int {
    diff.hunks.reduce(0) { $0 + $1.lines.filter { $0.kind != .context }.count }
  }

  /// The length of a longest common subsequence, by dynamic programming: the reference a
  /// shortest edit is checked against (its length is `a.count + b.count - 2 * lcs`).
  static func longestCommonSubsequence(_ a: [Int], _ b: [Int]) -> Int {
    guard !a.isEmpty, !b.isEmpty else { return 0 }
    var previous = [Int](repeating: 0, count: b.count + 1)
    var current = previous
    for i in 1...a.count {
      for j in 1...b.count {
        current[j] = a[i - 1] == b[j - 1] ? previous[j - 1] + 1 : max(previous[j], current[j - 1])
      }
      swap(&previous, &current)
    }
    return previous[b.count]
  }
}
