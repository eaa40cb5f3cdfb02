import ConcurrencyRuntime
import Flags
import Foundation
import TestSupport
import Testing

@testable import Lessons

@Suite("Flags2Program")
struct Flags2ProgramTests {
  /// A stand-in download function: every code found, after a virtual second.
  static let allFound: Flags2Download = .blocking { _, codes, _, _ in
    Runtime.current.sleep(for: .seconds(1))
    return [.ok: codes.count]
  }

  func run(_ arguments: [String], _ download: Flags2Download = allFound, dest: String) throws
    -> (status: Int32, output: String, errors: String)
  {
    let output = TextSink()
    let errors = TextSink()
    let options = try Flags2Options.parse(arguments + ["--dest", dest], style: .threadpool)
    let status = Flags2Program(
      options: options, download: download, standardOutput: output.write,
      standardError: errors.write, progress: .silent
    ).run()
    return (status, output.text, errors.text)
  }

  @Test("a virtual run prints the header, runs the download, prints the footer")
  func report() throws {
    try withTemporaryFolder { dest in
      let result = try run(["--virtual", "a", "b", "c"], dest: dest)
      #expect(result.status == 0)
      #expect(result.errors == "")
      #expect(
        result.output == """
          LOCAL site: http://127.0.0.1:8001/flags
          Searching for 78 flags: from AA to CZ
          30 concurrent connections will be used.
          --------------------
          78 flags downloaded.
          Elapsed time: 1.00s

          """)
    }
  }

  @Test("async download functions run on the runtime's task executor")
  func asyncDownload() throws {
    let download: Flags2Download = .async { _, codes, _, _ in
      try await Runtime.current.clock.sleep(for: .milliseconds(250))
      return [.notFound: codes.count]
    }
    try withTemporaryFolder { dest in
      let result = try run(["--virtual", "cn"], download, dest: dest)
      #expect(result.output.hasSuffix("0 flags downloaded.\n1 not found.\nElapsed time: 0.25s\n"))
    }
  }

  @Test("counts that do not add up fail the book's assertion: exit 1, one error line")
  func unaccounted() throws {
    let lossy: Flags2Download = .blocking { _, codes, _, _ in [.ok: codes.count - 1] }
    try withTemporaryFolder { dest in
      let result = try run(["--virtual"], lossy, dest: dest)
      #expect(result.status == 1)
      #expect(
        result.errors
          == "error: some downloads are unaccounted for (19 counted, 20 requested)\n")
      #expect(!result.output.contains("downloaded"))
    }
  }

  @Test("run(on:) reports on the calling runtime's console, with the site it is given")
  func runOnSite() throws {
    let output = TextSink()
    let runtime = Runtime.virtual { output.write($0.text) }
    let options = try Flags2Options.parse(["-s", "DELAY", "-l", "3", "b"], style: .sequential)
    let site = FlagSite(
      network: MockFlagNetwork(.profile(ServerProfile(.local)), runtime: runtime),
      baseURL: "http://127.0.0.1:40000/flags", folder: .nowhere, progress: .silent)
    try runtime.run {
      try Flags2Program(options: options, download: Self.allFound).run(on: site)
    }
    #expect(
      output.text == """
        DELAY site: http://127.0.0.1:40000/flags
        Searching for 3 flags: BA, BB, BC
        1 concurrent connection will be used.
        --------------------
        3 flags downloaded.
        Elapsed time: 1.00s

        """)
    let lossy: Flags2Download = .blocking { _, _, _, _ in [:] }
    #expect(throws: Flags2Error.unaccounted(counted: 0, requested: 3)) {
      try Runtime.virtual().run {
        try Flags2Program(options: options, download: lossy).run(on: site)
      }
    }
  }

  @Test("an unwritable destination is one error before anything is downloaded")
  func unwritable() throws {
    try withTemporaryFolder { root in
      try FlagFolder(root).prepare()
      _ = FileManager.default.createFile(atPath: root + "/file", contents: Data())
      let result = try run(["--virtual"], dest: root + "/file/flags")
      #expect(result.status == 1)
      #expect(result.output == "")
      #expect(
        result.errors == "error: cannot save flags in '\(root)/file/flags': Not a directory\n")
    }
  }
}
