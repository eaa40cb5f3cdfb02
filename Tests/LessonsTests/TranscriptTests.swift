import Foundation
import GoldenFiles
import GoldenFilesTesting
import Lessons
import Testing

/// Golden transcripts: each section's virtual run must print exactly `transcripts/ID.txt`.
///
/// The comparison is the `GoldenFiles` module's: on a mismatch the test shows a unified diff
/// (expected, then actual) and leaves the new text in `transcripts/ID.txt.new` for review.
/// `LESSONS_RECORD` chooses what may be written: `missing` (the default on a developer's
/// machine) records a transcript that does not exist yet, `all` (or `1`) re-records every
/// one, `never` (the default when `CI` is set) records nothing. `DeterminismTests` checks that
/// a hundred runs agree.
@Suite("Transcripts")
struct TranscriptTests {
  @Test(
    "a virtual run prints its golden transcript byte for byte",
    arguments: Catalog.sections.map(\.id))
  func matchesGolden(id: String) throws {
    let actual = try SectionRun(id, mode: .virtual(seed: nil)).text
    expectMatchesGoldenFile(
      actual, GoldenFile(PackagePaths.transcripts.appendingPathComponent("\(id).txt")))
  }

  @Test("every section has a golden transcript and no stray one is left")
  func goldenFilesMatchCatalog() throws {
    let files = try FileManager.default.contentsOfDirectory(atPath: PackagePaths.transcripts.path)
      .filter { $0.hasSuffix(".txt") }.sorted()
    #expect(files == Catalog.sections.map { "\($0.id).txt" }.sorted())
  }
}
