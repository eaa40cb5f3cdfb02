import Foundation
import Lessons
import Notebook
import TestSupport
import Testing

/// 17.2 shows a program that Swift 6 refuses to build, with what the compiler says about it.
/// That text is written down in the lesson, not produced by a run, so this test keeps it
/// true: it compiles the listing's code with the toolchain, by the command the listing shows,
/// and the compiler must print exactly the lines shown, once its file's path is made the
/// listing's file name and its long lines are wrapped as the lesson wraps them. The fixed
/// version, the section's actor cell, must compile by the same command without a word.
@Suite("The data race Swift 6 refuses, in 17.2")
struct DataRaceListingTests {
  @Test("the compiler says, word for word, what the listing shows it saying")
  func diagnosticIsTheCompilers() throws {
    let listing = try Self.listing()
    let (command, shown) = try Self.split(listing.output)
    let compiled = try Self.compile(listing.source, as: listing.file, command: command)
    #expect(compiled.status != 0, "the listing's code compiled; it should not")
    #expect(Self.shown(compiled.output, path: compiled.path, file: listing.file) == shown)
  }

  @Test("the fixed version, the actor cell, compiles by the same command without a word")
  func fixedVersionCompiles() throws {
    let listing = try Self.listing()
    let (command, _) = try Self.split(listing.output)
    let section = try #require(Catalog.section("17.2"))
    let fixed = try #require(section.cells.first { $0.name == "actor-counter" })
    let compiled = try Self.compile(fixed.source, as: listing.file, command: command)
    #expect(compiled.status == 0)
    #expect(compiled.output == "")
  }

  @Test("long lines wrap at spaces, the rest indented by two; short lines stay as they are")
  func wrapping() {
    let long = "race.swift:6:13: error: " + String(repeating: "word ", count: 20) + "end"
    let lines = Self.wrapped(long, width: 40)
    #expect(lines.allSatisfy { DisplayWidth.columns(of: $0) <= 40 })
    #expect(lines.first == "race.swift:6:13: error: word word word")
    #expect(lines.dropFirst().allSatisfy { $0.hasPrefix("  ") && !$0.hasPrefix("   ") })
    #expect(lines.map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ") == long)
    #expect(
      Self.wrapped("      group.addTask { count += 1 }", width: 40) == [
        "      group.addTask { count += 1 }"
      ])
  }

  // MARK: The listing

  /// 17.2's listing of `race.swift`.
  static func listing() throws -> Listing {
    let section = try #require(Catalog.section("17.2"))
    return try #require(section.listings.first { $0.file == "race.swift" })
  }

  /// The listing's text as the command it shows (its first line, after `$ `) and the lines
  /// that command printed.
  static func split(_ output: String) throws -> (command: [String], printed: String) {
    let lines = output.split(separator: "\n", omittingEmptySubsequences: false)
    let first = try #require(lines.first)
    try #require(first.hasPrefix("$ swiftc "), "the listing's text starts with its command")
    let command = first.dropFirst(2).split(separator: " ").map(String.init)
    return (command, lines.dropFirst().joined(separator: "\n"))
  }

  // MARK: The rule that turns the compiler's output into the lesson's lines

  /// `output` as the lesson shows it: every `path` made `file`, the newlines at its end
  /// dropped, and each line wider than 80 columns wrapped.
  static func shown(_ output: String, path: String, file: String) -> String {
    let neutral = output.replacingOccurrences(of: path, with: file)
    return neutral.trimmingCharacters(in: .newlines)
      .split(separator: "\n", omittingEmptySubsequences: false)
      .flatMap { wrapped(String($0), width: 80) }
      .joined(separator: "\n")
  }

  /// `line` broken at its last space that fits `width` columns, and again, each later piece
  /// indented by two spaces; a line that fits, or has no space to break at, stays whole.
  static func wrapped(_ line: String, width: Int) -> [String] {
    var lines: [String] = []
    var rest = Substring(line)
    var indent = ""
    while DisplayWidth.columns(of: indent + rest) > width {
      let room = width - indent.count
      guard let space = rest.prefix(room + 1).lastIndex(of: " "), space != rest.startIndex
      else { break }
      lines.append(indent + rest[..<space])
      rest = rest[rest.index(after: space)...]
      indent = "  "
    }
    return lines + [indent + rest]
  }

  // MARK: The toolchain

  /// What compiling `source` as the file `file` printed, standard output and error
  /// together, its exit status, and the file's path as the compiler was given it.
  ///
  /// `command` is the listing's, `swiftc` first and the file name last; the file is written
  /// in a fresh folder, which is also the compiler's working directory, where `-c` leaves
  /// its object file.
  static func compile(_ source: String, as file: String, command: [String]) throws -> (
    output: String, status: Int32, path: String
  ) {
    try #require(command.first == "swiftc" && command.last == file, "\(command)")
    let swiftc = try #require(Toolchain.swiftc, "no swiftc beside the Swift runtime or on PATH")
    return try withTemporaryFolder { folder in
      try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
      let path = folder + "/" + file
      try Data((source + "\n").utf8).write(to: URL(fileURLWithPath: path))
      let process = Process()
      process.executableURL = swiftc
      process.arguments = Array(command.dropFirst().dropLast()) + [path]
      process.currentDirectoryURL = URL(fileURLWithPath: folder)
      let pipe = Pipe()
      process.standardOutput = pipe
      process.standardError = pipe
      let done = DispatchSemaphore(value: 0)
      process.terminationHandler = { _ in done.signal() }
      try process.run()
      // Read to the end first: a compiler that fills the pipe would otherwise never exit.
      let data = pipe.fileHandleForReading.readDataToEndOfFile()
      done.wait()
      return (String(decoding: data, as: UTF8.self), process.terminationStatus, path)
    }
  }
}

/// Where the Swift toolchain is.
enum Toolchain {
  /// The `swiftc` of the toolchain whose runtime this process runs on (`usr/bin/swiftc`
  /// beside `usr/lib/swift/linux/libswiftCore.so`), else the first on `PATH`.
  static let swiftc: URL? = {
    let manager = FileManager.default
    let maps = (try? String(contentsOfFile: "/proc/self/maps", encoding: .utf8)) ?? ""
    if let line = maps.split(separator: "\n").first(where: { $0.hasSuffix("/libswiftCore.so") }),
      let start = line.firstIndex(of: "/")
    {
      let library = URL(fileURLWithPath: String(line[start...]))
      let usr = library.deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
      let beside = usr.appendingPathComponent("bin/swiftc")
      if manager.isExecutableFile(atPath: beside.path) { return beside }
    }
    let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
    for folder in path.split(separator: ":") {
      let candidate = URL(fileURLWithPath: String(folder)).appendingPathComponent("swiftc")
      if manager.isExecutableFile(atPath: candidate.path) { return candidate }
    }
    return nil
  }()
}
