import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// `lessons` run on a pseudo-terminal opened here (posix_openpt), as a teacher runs it: the
/// test reads the screen and types keys once the prompt it waits for is there.
private final class PseudoTerminal: @unchecked Sendable {
  let master: Int32
  let slave: Int32
  private let lock = NSLock()
  private var collected = Data()
  private let done = DispatchSemaphore(value: 0)

  init() throws {
    // posix_openpt, unlockpt and ptsname, by hand: Glibc's Swift module leaves them out.
    // Linux's TIOCSPTLCK unlocks the new terminal; TIOCGPTN gives its number under /dev/pts.
    master = open("/dev/ptmx", O_RDWR | O_NOCTTY | O_CLOEXEC)
    var unlock: Int32 = 0
    var number: UInt32 = 0
    guard master >= 0, ioctl(master, 0x4004_5431, &unlock) == 0,
      ioctl(master, 0x8004_5430, &number) == 0
    else { throw POSIXError(.ENOTTY) }
    slave = open("/dev/pts/\(number)", O_RDWR | O_NOCTTY | O_CLOEXEC)
    guard slave >= 0 else { throw POSIXError(.ENOTTY) }
    let master = self.master
    Thread.detachNewThread { [self] in
      var buffer = [UInt8](repeating: 0, count: 4096)
      while true {
        let count = buffer.withUnsafeMutableBytes { read(master, $0.baseAddress, $0.count) }
        if count < 0 && errno == EINTR { continue }
        if count <= 0 { break }
        lock.withLock { collected.append(contentsOf: buffer.prefix(count)) }
      }
      done.signal()
    }
  }

  /// The screen's text so far, with the terminal's `\r\n` read as `\n`.
  var text: String {
    lock.withLock { String(decoding: collected, as: UTF8.self) }
      .replacingOccurrences(of: "\r\n", with: "\n")
  }

  /// Waits until `text` has appeared `count` times; false after a minute without it.
  func wait(for text: String, count: Int = 1) -> Bool {
    let deadline = Date().addingTimeInterval(60)
    while Date() < deadline {
      if self.text.components(separatedBy: text).count > count { return true }
      usleep(20_000)
    }
    return false
  }

  /// Types `keys`, as a key press does.
  func type(_ keys: String) {
    _ = keys.utf8CString.withUnsafeBufferPointer { write(master, $0.baseAddress, $0.count - 1) }
  }

  /// The terminal's settings, as the program on it sees them.
  var settings: termios {
    var settings = termios()
    _ = tcgetattr(slave, &settings)
    return settings
  }

  /// Runs `lessons arguments` on the terminal; returns the running process.
  func start(_ arguments: [String], environment: [String: String]) throws -> Process {
    let process = Process()
    process.executableURL = CLI.executable
    process.arguments = arguments
    var merged = ProcessInfo.processInfo.environment
    merged["NO_COLOR"] = nil
    merged["TERM"] = "xterm-256color"
    process.environment = merged.merging(environment) { $1 }
    let handle = FileHandle(fileDescriptor: slave, closeOnDealloc: false)
    process.standardInput = handle
    process.standardOutput = handle
    process.standardError = handle
    try process.run()
    return process
  }

  /// Waits for `process` to end; one that is still waiting for a key after a minute is
  /// killed, and the test fails rather than hangs.
  func awaitExit(_ process: Process) {
    let deadline = Date().addingTimeInterval(60)
    while process.isRunning && Date() < deadline { usleep(20_000) }
    if process.isRunning {
      Issue.record("lessons did not end; killed")
      kill(process.processIdentifier, SIGKILL)
    }
    process.waitUntilExit()
  }

  /// Waits for `process`, closes the terminal, and waits for the last of its text.
  func finish(_ process: Process) {
    awaitExit(process)
    close(slave)
    done.wait()
    close(master)
  }
}

/// The terminal modes presenter mode changes while it waits for a key.
private func modes(_ settings: termios) -> [UInt32] {
  [settings.c_lflag & UInt32(ICANON | ECHO | ISIG), settings.c_iflag, settings.c_oflag]
}

@Suite("lessons --step", .serialized)
struct StepCLITests {
  @Test("Enter runs a cell, b shows the one before again, q stops with where it stopped")
  func presenting() throws {
    let terminal = try PseudoTerminal()
    let before = modes(terminal.settings)
    let process = try terminal.start(
      ["17.4", "--virtual", "--step", "--set", "workers=5"], environment: ["NO_COLOR": "1"])
    #expect(terminal.wait(for: "In [1] of 17.4 is next.  Enter: run it   q: quit"))
    #expect(terminal.text.contains("With workers=5 (default 3), from --set"))
    #expect(terminal.text.contains("    func loiter(_ n: Int) -> Int {\n"))
    #expect(modes(terminal.settings) != before, "the terminal reads single keys while waiting")
    terminal.type("\r")
    #expect(terminal.wait(for: "In [2] of 17.4 is next."))
    #expect(!terminal.text.contains("] Script starting."), "In [2] waits, its code shown")
    #expect(terminal.text.contains("maxWorkers: parameters.workers"))
    terminal.type("\r")
    #expect(terminal.wait(for: "In [3] of 17.4 is next."))
    #expect(terminal.text.contains("[09:00:04] result 4: 40\n"))
    terminal.type("b")
    #expect(terminal.wait(for: "In [3] of 17.4 is next.", count: 2))
    let again = try #require(terminal.text.components(separatedBy: "Again, In [2]").last)
    #expect(again.contains("[09:00:04] result 4: 40\n"), "In [2] again, with its output")
    #expect(again.contains("Next:\n\nIn [3]:\n    @Sendable func call"))
    terminal.type("q")
    terminal.finish(process)
    #expect(process.terminationStatus == 0)
    #expect(terminal.text.hasSuffix("stopped before In [3] of 17.4 (2 of 3 cells run)\n"))
    #expect(!terminal.text.contains("call 0 done"), "In [3] never ran")
    #expect(!terminal.text.contains("\u{1B}[7m") && !terminal.text.contains("\u{1B}[1;34m"))
  }

  @Test("Ctrl-C at the prompt quits cleanly and gives the terminal back as it was")
  func interrupt() throws {
    let terminal = try PseudoTerminal()
    let before = modes(terminal.settings)
    let process = try terminal.start(["17.4", "--virtual", "--step"], environment: [:])
    #expect(terminal.wait(for: "In [1] of 17.4 is next."))
    terminal.type("\u{03}")
    terminal.awaitExit(process)
    #expect(modes(terminal.settings) == before)
    terminal.finish(process)
    #expect(process.terminationStatus == 0)
    #expect(terminal.text.hasSuffix("stopped before In [1] of 17.4 (0 of 3 cells run)\n"))
  }

  @Test("SIGTERM while it waits ends it as SIGTERM does, with the terminal given back")
  func terminated() throws {
    let terminal = try PseudoTerminal()
    let before = modes(terminal.settings)
    let process = try terminal.start(["17.4", "--virtual", "--step"], environment: [:])
    #expect(terminal.wait(for: "In [1] of 17.4 is next."))
    process.terminate()
    terminal.awaitExit(process)
    #expect(modes(terminal.settings) == before)
    terminal.finish(process)
    #expect(process.terminationReason == .uncaughtSignal)
    #expect(process.terminationStatus == SIGTERM)
  }

  @Test("on a terminal, cell headers, stamps and the prompt are in colour")
  func colour() throws {
    let terminal = try PseudoTerminal()
    let process = try terminal.start(["17.4", "--virtual", "--step"], environment: [:])
    #expect(terminal.wait(for: "In [1] of 17.4 is next."))
    terminal.type("\r")
    #expect(terminal.wait(for: "In [2] of 17.4 is next."))
    terminal.type("\r")
    #expect(terminal.wait(for: "In [3] of 17.4 is next."))
    terminal.type("q")
    terminal.finish(process)
    #expect(terminal.text.contains("\u{1B}[1;34mIn [2]:\u{1B}[0m"))
    #expect(terminal.text.contains("\u{1B}[33m[09:00:05]\u{1B}[0m result 4: 40\n"))
    #expect(terminal.text.contains("\u{1B}[7mIn [1] of 17.4 is next."))
  }

  @Test("standard input that is not a terminal: one line, status 2, nothing run")
  func notATerminal() throws {
    let process = Process()
    process.executableURL = CLI.executable
    process.arguments = ["17.4", "--virtual", "--step"]
    let out = Pipe()
    let err = Pipe()
    process.standardInput = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let stdout = out.fileHandleForReading.readDataToEndOfFile()
    let stderr = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    #expect(process.terminationStatus == 2)
    #expect(stdout.isEmpty)
    #expect(
      String(decoding: stderr, as: UTF8.self)
        == "lessons: --step waits for keys, but standard input is not a terminal\n")
  }
}
