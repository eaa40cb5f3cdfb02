import Foundation
import Lessons
import Testing

/// Golden transcripts: each section's virtual run must print exactly `transcripts/ID.txt`.
///
/// On a mismatch the test shows a unified diff (expected, then actual) and leaves the new text
/// in `transcripts/ID.txt.new` for review. `LESSONS_RECORD=1 swift test` writes the golden
/// files instead; CI never sets it.
@Suite("Transcripts")
struct TranscriptTests {
  @Test(
    "a virtual run prints its golden transcript byte for byte",
    arguments: Catalog.sections.map(\.id))
  func matchesGolden(id: String) throws {
    let actual = try SectionRun(id, mode: .virtual(seed: nil)).text
    let golden = PackagePaths.transcripts.appendingPathComponent("\(id).txt")
    let fresh = PackagePaths.transcripts.appendingPathComponent("\(id).txt.new")
    if ProcessInfo.processInfo.environment["LESSONS_RECORD"] == "1" {
      try Data(actual.utf8).write(to: golden, options: .atomic)
      try? FileManager.default.removeItem(at: fresh)
      return
    }
    guard let expected = try? String(contentsOf: golden, encoding: .utf8) else {
      try Data(actual.utf8).write(to: fresh, options: .atomic)
      Issue.record("no golden transcript at \(golden.path); wrote \(fresh.lastPathComponent)")
      return
    }
    if expected == actual {
      try? FileManager.default.removeItem(at: fresh)
      return
    }
    try Data(actual.utf8).write(to: fresh, options: .atomic)
    Issue.record(
      """
      \(id) differs from its golden transcript; the new output is in \(fresh.path).
      Review it, then re-record with LESSONS_RECORD=1 swift test.
      \(UnifiedDiff.between(golden, fresh))
      """)
  }

  @Test("twenty virtual runs are byte-for-byte identical", arguments: Catalog.sections.map(\.id))
  func deterministic(id: String) throws {
    let first = try SectionRun(id, mode: .virtual(seed: nil)).text
    for _ in 1..<20 {
      #expect(try SectionRun(id, mode: .virtual(seed: nil)).text == first)
    }
  }

  @Test("every section has a golden transcript and no stray one is left")
  func goldenFilesMatchCatalog() throws {
    let files = try FileManager.default.contentsOfDirectory(atPath: PackagePaths.transcripts.path)
      .filter { $0.hasSuffix(".txt") }.sorted()
    #expect(files == Catalog.sections.map { "\($0.id).txt" }.sorted())
  }
}

/// `diff -u`, for readable mismatches.
enum UnifiedDiff {
  static func between(_ expected: URL, _ actual: URL) -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/diff")
    process.arguments = ["-u", expected.path, actual.path]
    let pipe = Pipe()
    process.standardOutput = pipe
    do {
      try process.run()
    } catch {
      return "(diff unavailable: \(error))"
    }
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self)
  }
}
