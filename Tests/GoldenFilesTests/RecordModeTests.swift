import GoldenFiles
import Testing

@Suite("RecordMode")
struct RecordModeTests {
  @Test(
    "LESSONS_RECORD values name a mode, in any case and with spaces around",
    arguments: [
      ("missing", RecordMode.missing), ("all", .all), ("never", .never), ("ALL", .all),
      (" Missing ", .missing), ("1", .all), ("true", .all), ("yes", .all), ("0", .never),
      ("false", .never), ("no", .never),
    ])
  func parsing(value: String, mode: RecordMode) {
    #expect(RecordMode(parsing: value) == mode)
  }

  @Test("values that name no mode are refused", arguments: ["", "al", "2", "record", "on"])
  func refused(value: String) {
    #expect(RecordMode(parsing: value) == nil)
  }

  @Test(
    "the environment's mode: LESSONS_RECORD if set, else never on CI, else missing",
    arguments: [
      ([:], RecordMode.missing),
      (["CI": "true"], .never),
      (["CI": "1"], .never),
      (["CI": "yes"], .never),
      (["CI": ""], .missing),
      (["CI": "false"], .missing),
      (["CI": "0"], .missing),
      (["LESSONS_RECORD": "1"], .all),
      (["LESSONS_RECORD": "never"], .never),
      (["LESSONS_RECORD": "all", "CI": "true"], .all),
      (["LESSONS_RECORD": "missing", "CI": "true"], .missing),
      (["LESSONS_RECORD": ""], .missing),
      (["LESSONS_RECORD": " ", "CI": "true"], .never),
    ] as [([String: String], RecordMode)])
  func fromEnvironment(environment: [String: String], mode: RecordMode) throws {
    #expect(try RecordMode.current(in: environment) == mode)
  }

  @Test("a LESSONS_RECORD that names no mode is an error, not a silent default")
  func misspelt() {
    #expect(throws: GoldenFileError.unknownRecordMode("al")) {
      try RecordMode.current(in: ["LESSONS_RECORD": "al", "CI": "true"])
    }
    #expect(
      GoldenFileError.unknownRecordMode("al").description
        == "LESSONS_RECORD=al is not a record mode: use missing, all or never")
  }

  @Test("a mode prints as LESSONS_RECORD spells it")
  func names() {
    #expect(RecordMode.allCases.map(\.description) == ["missing", "all", "never"])
    #expect(RecordMode.environmentVariable == "LESSONS_RECORD")
  }
}
