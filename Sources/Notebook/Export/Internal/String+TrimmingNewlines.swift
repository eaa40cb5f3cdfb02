extension String {
  /// The string without the newlines at its ends.
  var trimmingNewlines: Substring {
    let start = firstIndex { $0 != "\n" } ?? endIndex
    let end = lastIndex { $0 != "\n" }.map { index(after: $0) } ?? endIndex
    return start < end ? self[start..<end] : ""
  }
}
