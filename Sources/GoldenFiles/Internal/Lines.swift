/// A text cut into lines the way `diff` cuts it: at each newline, the newline kept with its line.
///
/// Only the last line can lack a newline. Lines are compared as bytes, so two lines are equal
/// only when they are byte for byte the same, newline included: a last line without its
/// newline differs from the same text with one.
struct Lines {
  /// The whole text.
  let bytes: [UInt8]
  /// Where each line lies in `bytes`, its newline included when it has one.
  let ranges: [Range<Int>]

  init(_ bytes: [UInt8]) {
    self.bytes = bytes
    var ranges: [Range<Int>] = []
    var start = 0
    for index in bytes.indices where bytes[index] == Self.newline {
      ranges.append(start..<(index + 1))
      start = index + 1
    }
    if start < bytes.count { ranges.append(start..<bytes.count) }
    self.ranges = ranges
  }

  static let newline: UInt8 = 0x0A

  var count: Int { ranges.count }

  /// Line `index`, newline included: what equality is decided on.
  subscript(index: Int) -> ArraySlice<UInt8> { bytes[ranges[index]] }

  /// True unless line `index` is a last line without a newline.
  func hasNewline(_ index: Int) -> Bool {
    bytes[ranges[index].upperBound - 1] == Self.newline
  }

  /// Line `index` without its newline, decoded as UTF-8 (invalid bytes become U+FFFD).
  func text(_ index: Int) -> String {
    let range = ranges[index]
    let end = hasNewline(index) ? range.upperBound - 1 : range.upperBound
    return String(decoding: bytes[range.lowerBound..<end], as: UTF8.self)
  }
}

/// Numbers lines so that equal lines, in either text, get the same number: the diff then
/// compares integers instead of byte strings.
struct LineNumbering {
  /// The number of each line of the old text.
  let old: [Int]
  /// The number of each line of the new text.
  let new: [Int]

  init(old: Lines, new: Lines) {
    var numbers: [ArraySlice<UInt8>: Int] = [:]
    func number(_ line: ArraySlice<UInt8>) -> Int {
      if let known = numbers[line] { return known }
      let fresh = numbers.count
      numbers[line] = fresh
      return fresh
    }
    self.old = (0..<old.count).map { number(old[$0]) }
    self.new = (0..<new.count).map { number(new[$0]) }
  }
}
