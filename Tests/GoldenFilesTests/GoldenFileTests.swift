import Foundation
import GoldenFiles
import Testing

@Suite("GoldenFile")
struct GoldenFileTests {
  private let expected = "[09:00:00] Script starting.\n[09:00:01] result 0: 0\n"
  private let changed = "[09:00:00] Script starting.\n[09:00:02] result 0: 0\n"

  @Test("a matching output passes and removes the .new file an earlier failure left")
  func matched() throws {
    try TemporaryFolder.with { folder in
      try folder.write(expected, to: "17.4.txt")
      try folder.write("stale", to: "17.4.txt.new")
      let golden = GoldenFile(folder.file("17.4.txt"))
      for mode in RecordMode.allCases {
        #expect(try golden.compare(expected, record: mode) == .matched(golden: golden.url))
      }
      #expect(try folder.names() == ["17.4.txt"])
    }
  }

  @Test(
    "a different output leaves the golden file alone and writes NAME.new beside it",
    arguments: [RecordMode.missing, .never])
  func mismatched(mode: RecordMode) throws {
    try TemporaryFolder.with { folder in
      try folder.write(expected, to: "17.4.txt")
      let golden = GoldenFile(folder.file("17.4.txt"))
      let result = try golden.compare(changed, record: mode)
      guard case .mismatched(let goldenURL, let newFile, let diff) = result else {
        Issue.record("expected a mismatch, got \(result)")
        return
      }
      #expect(!result.passed)
      #expect(goldenURL == golden.url)
      #expect(newFile == golden.newURL)
      #expect(newFile.lastPathComponent == "17.4.txt.new")
      #expect(folder.read("17.4.txt") == expected)
      #expect(folder.read("17.4.txt.new") == changed)
      #expect(diff.oldLabel.hasSuffix("17.4.txt"))
      #expect(diff.newLabel.hasSuffix("17.4.txt.new"))
      #expect(
        diff.hunks.map { $0.lines.map { $0.kind.prefix + $0.text } } == [
          [" [09:00:00] Script starting.", "-[09:00:01] result 0: 0", "+[09:00:02] result 0: 0"]
        ])
      // Fixed again: the .new file goes.
      #expect(try golden.compare(expected, record: mode).passed)
      #expect(try folder.names() == ["17.4.txt"])
    }
  }

  @Test("re-recording rewrites a different golden file, shows what changed, removes NAME.new")
  func reRecorded() throws {
    try TemporaryFolder.with { folder in
      try folder.write(expected, to: "17.4.txt")
      let golden = GoldenFile(folder.file("17.4.txt"))
      _ = try golden.compare(changed, record: .never)
      #expect(folder.exists("17.4.txt.new"))
      let result = try golden.compare(changed, record: .all)
      guard case .recorded(_, let diff?) = result else {
        Issue.record("expected a re-recording with a diff, got \(result)")
        return
      }
      #expect(result.passed)
      #expect(TestText.changedLines(diff) == 2)
      #expect(folder.read("17.4.txt") == changed)
      #expect(try folder.names() == ["17.4.txt"])
    }
  }

  @Test(
    "a missing golden file is recorded, with its folders, unless recording is off",
    arguments: [RecordMode.missing, .all])
  func recordedWhenMissing(mode: RecordMode) throws {
    try TemporaryFolder.with { folder in
      let golden = GoldenFile(folder.file("Golden/Section/17.5.txt"))
      let result = try golden.compare(expected, record: mode)
      #expect(result == .recorded(golden: golden.url, diff: nil))
      #expect(folder.read("Golden/Section/17.5.txt") == expected)
      #expect(try golden.compare(expected, record: .never) == .matched(golden: golden.url))
    }
  }

  @Test("never: a missing golden file fails and the output waits in NAME.new")
  func missing() throws {
    try TemporaryFolder.with { folder in
      let golden = GoldenFile(folder.file("17.5.txt"))
      let result = try golden.compare(expected, record: .never)
      #expect(result == .missing(golden: golden.url, newFile: golden.newURL))
      #expect(!result.passed)
      #expect(!folder.exists("17.5.txt"))
      #expect(folder.read("17.5.txt.new") == expected)
    }
  }

  @Test("outputs are compared byte for byte: equal Strings with other bytes, a final newline")
  func byteForByte() throws {
    try TemporaryFolder.with { folder in
      try folder.write("caf\u{E9}\n", to: "accent.txt")
      let accent = GoldenFile(folder.file("accent.txt"))
      #expect(try !accent.compare("cafe\u{301}\n", record: .never).passed)
      try folder.write("last line\n", to: "newline.txt")
      let newline = GoldenFile(folder.file("newline.txt"))
      let result = try newline.compare("last line", record: .never)
      #expect(result.description.contains("\\ No newline at end of file"))
      try folder.write("", to: "empty.txt")
      #expect(try GoldenFile(folder.file("empty.txt")).compare("", record: .never).passed)
    }
  }

  @Test("any bytes can be compared, not only text")
  func bytes() throws {
    try TemporaryFolder.with { folder in
      let golden = GoldenFile(folder.file("blob.bin"))
      let blob: [UInt8] = [0, 255, 10, 13, 0xC3]
      let recorded = try golden.compare(bytes: blob, record: .missing)
      #expect(recorded.passed)
      #expect(try golden.compare(bytes: Data(blob), record: .never) == .matched(golden: golden.url))
      #expect(try !golden.compare(bytes: blob.dropLast(), record: .never).passed)
    }
  }

  @Test("writes are atomic and leave no temporary file behind")
  func noTemporaryFiles() throws {
    try TemporaryFolder.with { folder in
      let golden = GoldenFile(folder.file("17.4.txt"))
      for round in 0..<20 {
        _ = try golden.compare("round \(round)\n", record: round.isMultiple(of: 2) ? .all : .never)
      }
      #expect(try folder.names() == ["17.4.txt", "17.4.txt.new"])
    }
  }

  @Test("a golden file that cannot be read, or a folder that cannot be made, is an error")
  func errors() throws {
    try TemporaryFolder.with { folder in
      try FileManager.default.createDirectory(
        at: folder.file("folder.txt"), withIntermediateDirectories: true)
      #expect(throws: GoldenFileError.self) {
        try GoldenFile(folder.file("folder.txt")).compare("x", record: .never)
      }
      try folder.write("a file", to: "plain")
      let error = #expect(throws: GoldenFileError.self) {
        try GoldenFile(folder.file("plain/golden.txt")).compare("x", record: .missing)
      }
      guard case .unreadable(let path, _)? = error else {
        Issue.record("expected unreadable, got \(String(describing: error))")
        return
      }
      #expect(path.hasSuffix("plain/golden.txt"))
    }
  }

  @Test("accept() makes the .new file the golden file; without one it does nothing")
  func accept() throws {
    try TemporaryFolder.with { folder in
      try folder.write(expected, to: "17.4.txt")
      let golden = GoldenFile(folder.file("17.4.txt"))
      #expect(try golden.accept() == false)
      _ = try golden.compare(changed, record: .never)
      #expect(try golden.accept() == true)
      #expect(folder.read("17.4.txt") == changed)
      #expect(try folder.names() == ["17.4.txt"])
    }
  }

  @Test("a golden file is named by a path or a URL, and its .new file is beside it")
  func naming() {
    let golden = GoldenFile(path: "/tmp/t/../transcripts/17.4.txt")
    #expect(golden.url.path == "/tmp/transcripts/17.4.txt")
    #expect(golden.newURL.path == "/tmp/transcripts/17.4.txt.new")
    #expect(golden == GoldenFile(URL(fileURLWithPath: "/tmp/transcripts/17.4.txt")))
    #expect(golden.description == "/tmp/transcripts/17.4.txt")
  }
}
