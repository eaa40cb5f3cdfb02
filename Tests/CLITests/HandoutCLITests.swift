import Foundation
import Testing

/// A fresh empty folder for a test's files, removed afterwards.
private func withFolder<T>(_ body: (URL) throws -> T) throws -> T {
  let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
    "lessons-handout-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
  defer { try? FileManager.default.removeItem(at: folder) }
  return try body(folder)
}

/// How many times `needle` occurs in `text`.
private func count(_ needle: String, in text: String) -> Int {
  text.components(separatedBy: needle).count - 1
}

@Suite("lessons --format")
struct HandoutCLITests {
  @Test("--format markdown prints the page: heading, prose, code, output as the transcript's")
  func markdownToStandardOutput() throws {
    let outcome = try CLI.run(["17.4", "--format", "markdown"])
    #expect(outcome.status == 0)
    #expect(outcome.stderr.isEmpty)
    #expect(
      outcome.stdout.hasPrefix(
        "# 17.4 Experimenting with Executor.map\n\n"
          + "*Recorded in virtual time: the canonical schedule, the same every run.*\n\n"))
    #expect(count("```swift\n", in: outcome.stdout) == 3)
    #expect(!outcome.stdout.contains("Timeline of"))
    let transcript = try String(
      contentsOf: CLI.transcripts.appendingPathComponent("17.4.txt"), encoding: .utf8)
    let stamped = transcript.split(separator: "\n").filter { $0.hasPrefix("[09:") }
    let shown = outcome.stdout.split(separator: "\n").filter { $0.hasPrefix("[09:") }
    #expect(shown == stamped, "the output lines of the virtual run, stamps and all")
  }

  @Test("a Korean page says it is Korean (<html lang=\"ko\">), an English one English")
  func pageLanguage() throws {
    try withFolder { folder in
      for (language, code) in [("ko", "ko"), ("en", "en")] {
        let file = folder.appendingPathComponent("\(language).html")
        let outcome = try CLI.run(
          ["17.4", "--format", "html", "--lang", language, "--output", file.path])
        #expect(outcome.status == 0)
        let html = try String(contentsOf: file, encoding: .utf8)
        #expect(html.contains("<html lang=\"\(code)\">"))
      }
    }
  }

  @Test("--lang ko makes the handout in Korean: title, recording line and prose; output as is")
  func koreanMarkdown() throws {
    let english = try CLI.run(["17.4", "--format", "markdown"])
    let korean = try CLI.run(["17.4", "--format", "markdown", "--lang", "ko"])
    #expect(korean.status == 0)
    #expect(
      korean.stdout.hasPrefix(
        "# 17.4 Executor.map 실험하기\n\n"
          + "*가상 시간으로 기록: 기준 스케줄이며, 실행할 때마다 똑같습니다.*\n\n"))
    let stamped = { (text: String) in text.split(separator: "\n").filter { $0.hasPrefix("[09:") } }
    #expect(stamped(korean.stdout) == stamped(english.stdout))
    #expect(!stamped(korean.stdout).isEmpty)
  }

  @Test("--timeline adds each concurrent cell's chart to the Markdown; --output writes it")
  func markdownToFile() throws {
    try withFolder { folder in
      let file = folder.appendingPathComponent("17.4.md")
      let outcome = try CLI.run(["17.4", "--format=markdown", "--timeline", "--output", file.path])
      #expect(outcome.status == 0)
      #expect(outcome.stdout.isEmpty && outcome.stderr.isEmpty)
      let page = try String(contentsOf: file, encoding: .utf8)
      #expect(page.contains("```text\nTimeline of In [2], 5s (= running, . waiting)\n"))
      let printed = try CLI.run(["17.4", "--format", "markdown", "--timeline"])
      #expect(printed.stdout == page)
      let files = try FileManager.default.contentsOfDirectory(atPath: folder.path)
      #expect(files == ["17.4.md"], "no temporary file left beside it")
    }
  }

  @Test("--format ipynb writes an nbformat 4.5 notebook, the same bytes every run")
  func notebook() throws {
    try withFolder { folder in
      let file = folder.appendingPathComponent("17.4.ipynb")
      let outcome = try CLI.run(["17.4", "--format", "ipynb", "--output", file.path])
      #expect(outcome.status == 0)
      #expect(outcome.stdout.isEmpty && outcome.stderr.isEmpty)
      let data = try Data(contentsOf: file)
      let notebook = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
      #expect(notebook["nbformat"] as? Int == 4)
      #expect(notebook["nbformat_minor"] as? Int == 5)
      let cells = try #require(notebook["cells"] as? [[String: Any]])
      let code = cells.filter { $0["cell_type"] as? String == "code" }
      #expect(code.map { $0["execution_count"] as? Int } == [1, 2, 3])
      let ids = cells.compactMap { $0["id"] as? String }
      #expect(ids.count == cells.count && Set(ids).count == ids.count)
      let outputs = try #require(code[1]["outputs"] as? [[String: Any]])
      let text = try #require(outputs.first?["text"] as? [String])
      #expect(text.first == "[09:00:00] Script starting.\n")
      #expect(text.last == "[09:00:05] result 4: 40\n")
      let again = try CLI.run(["17.4", "--format", "ipynb", "--output", file.path])
      #expect(again.status == 0)
      #expect(try Data(contentsOf: file) == data)
    }
  }

  @Test("--format html writes one self-contained page: a section, a chart for the pool's cell")
  func page() throws {
    try withFolder { folder in
      let file = folder.appendingPathComponent("17.4.html")
      let outcome = try CLI.run(["17.4", "--format", "html", "--output", file.path])
      #expect(outcome.status == 0)
      #expect(outcome.stdout.isEmpty && outcome.stderr.isEmpty)
      let html = try String(contentsOf: file, encoding: .utf8)
      #expect(count("<section", in: html) == 1)
      #expect(count("<figure class=\"timeline\"", in: html) == 1)
      #expect(count("<div class=\"cell\"", in: html) == 3)
      #expect(!html.contains("<script"))
      #expect(html.contains("<span class=\"stamp\">[09:00:05]</span> result 4: 40"))
    }
  }

  @Test("'all --format html' makes the whole chapter, with its contents")
  func chapter() throws {
    try withFolder { folder in
      let file = folder.appendingPathComponent("chapter.html")
      let outcome = try CLI.run(["all", "--format", "html", "--output", file.path])
      #expect(outcome.status == 0)
      #expect(outcome.stderr.isEmpty)
      let html = try String(contentsOf: file, encoding: .utf8)
      // Every section has its transcript: 17.1.txt …
      let ids = try FileManager.default.contentsOfDirectory(atPath: CLI.transcripts.path)
        .filter { $0.hasSuffix(".txt") }.map {
          $0.dropLast(4).replacingOccurrences(of: ".", with: "-")
        }
      #expect(ids.count >= 5)
      #expect(count("<section class=\"lesson\"", in: html) == ids.count)
      for id in ids {
        #expect(html.contains("<li><a href=\"#s-\(id)\">"))
        #expect(html.contains("<section class=\"lesson\" id=\"s-\(id)\">"))
      }
      #expect(html.contains("<h1>Fluent Python, chapter 17: Concurrency with Futures</h1>"))
    }
  }

  @Test("--live records a real run, and says so")
  func live() throws {
    let outcome = try CLI.run(["17.4", "--format", "markdown", "--live", "--speed", "50"])
    #expect(outcome.status == 0)
    #expect(outcome.stderr.isEmpty)
    #expect(outcome.stdout.contains("*Recorded live at 50x speed: real threads"))
    for n in 0..<5 { #expect(outcome.stdout.contains("] result \(n): \(n * 10)\n")) }
  }

  @Test("--seed records another interleaving, and says which")
  func seeded() throws {
    let outcome = try CLI.run(["17.4", "--format", "markdown", "--seed", "3"])
    #expect(outcome.status == 0)
    #expect(outcome.stdout.contains("*Recorded in virtual time with seed 3: "))
  }

  @Test(
    "options that do not fit are one usage line and status 2, and write nothing",
    arguments: [
      (["--format", "ipynb"], "--format ipynb writes a file: add --output FILE"),
      (["--format", "html"], "--format html writes a file: add --output FILE"),
      (
        ["--output", "x.md"], "--output FILE is for a handout: add --format markdown, ipynb or html"
      ),
      (
        ["--format", "text", "--output", "x.md"],
        "--output FILE is for a handout: add --format markdown, ipynb or html"
      ),
      (["--live"], "--live is for a handout (--format ...): text runs are live already"),
      (
        ["--format", "markdown", "--live", "--seed", "3"],
        "--live records a real run: it cannot go with --virtual or --seed"
      ),
      (
        ["--format", "markdown", "--live", "--virtual"],
        "--live records a real run: it cannot go with --virtual or --seed"
      ),
      (
        ["--format", "markdown", "--speed", "2"],
        "--speed is for live runs: handouts run in virtual time unless --live"
      ),
      (["--format", "markdown", "--output", ""], "--output FILE must not be empty"),
      (["--format", "pdf"], "--format must be one of text, markdown, ipynb or html, not 'pdf'"),
    ])
  func usageErrors(arguments: [String], message: String) throws {
    try withFolder { folder in
      let outcome = try CLI.run(
        ["17.4"] + arguments.map { $0 == "x.md" ? folder.appendingPathComponent($0).path : $0 })
      #expect(outcome.status == 2)
      #expect(outcome.stdout.isEmpty)
      #expect(outcome.stderr == "lessons: \(message)\n")
      #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }
  }

  @Test("a file that cannot be written is one line and status 1, found before anything runs")
  func unwritable() throws {
    try withFolder { folder in
      let missing = folder.appendingPathComponent("no/such/folder/17.4.html").path
      let outcome = try CLI.run(["17.4", "--format", "html", "--output", missing, "--live"])
      #expect(outcome.status == 1)
      #expect(outcome.stdout.isEmpty)
      #expect(outcome.stderr == "lessons: cannot write \(missing): No such file or directory\n")
      let intoFolder = try CLI.run(["17.4", "--format", "html", "--output", folder.path])
      #expect(intoFolder.status == 1)
      #expect(intoFolder.stderr == "lessons: cannot write \(folder.path): it is a folder\n")
      #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }
  }

  @Test("an old file is replaced whole: no temporary file is left beside it")
  func replaces() throws {
    try withFolder { folder in
      let file = folder.appendingPathComponent("page.html")
      try Data("old".utf8).write(to: file)
      let outcome = try CLI.run(["17.4", "--format", "html", "--output", file.path])
      #expect(outcome.status == 0)
      #expect(try String(contentsOf: file, encoding: .utf8).hasPrefix("<!DOCTYPE html>"))
      #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["page.html"])
    }
  }

  @Test("a run that fails writes no handout: one line, status 1")
  func failedRun() throws {
    try withFolder { folder in
      let file = folder.appendingPathComponent("17.1.html")
      let outcome = try CLI.run([
        "17.1", "--format", "html", "--output", file.path, "--live", "--dest", "/dev/null/flags",
      ])
      #expect(outcome.status == 1)
      #expect(outcome.stdout.isEmpty)
      #expect(
        outcome.stderr
          == "lessons: 17.1 could not start: cannot save flags in '/dev/null/flags': "
          + "Not a directory; no handout written\n")
      #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }
  }

  @Test("a link is followed: the file it points to is replaced, the link kept")
  func link() throws {
    try withFolder { folder in
      let real = folder.appendingPathComponent("real.md")
      let link = folder.appendingPathComponent("link.md")
      try Data("old".utf8).write(to: real)
      try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: "real.md")
      let outcome = try CLI.run(["17.4", "--format", "markdown", "--output", link.path])
      #expect(outcome.status == 0)
      #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link.path) == "real.md")
      #expect(try String(contentsOf: real, encoding: .utf8).hasPrefix("# 17.4 "))
      #expect(
        try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
          == ["link.md", "real.md"])
    }
  }
}
