import Testing
import XCTest

/// Where an assertion was called, and how to report there: a Swift Testing issue when a
/// `@Test` is running, an `XCTFail` otherwise.
struct CallerLocation {
  var fileID: String
  var filePath: StaticString
  var line: UInt
  var column: UInt

  /// Fails the running test at this location.
  func fail(_ message: String) {
    if Test.current != nil {
      Issue.record(Comment(rawValue: message), sourceLocation: sourceLocation)
    } else {
      XCTFail(message, file: filePath, line: line)
    }
  }

  /// Tells the running test something that does not fail it (XCTest has no warnings, so it
  /// stays silent there; version control shows a recorded golden file).
  func warn(_ message: String) {
    if Test.current != nil {
      Issue.record(Comment(rawValue: message), severity: .warning, sourceLocation: sourceLocation)
    }
  }

  private var sourceLocation: SourceLocation {
    SourceLocation(
      fileID: fileID, filePath: "\(filePath)", line: Int(line), column: Int(column))
  }
}
