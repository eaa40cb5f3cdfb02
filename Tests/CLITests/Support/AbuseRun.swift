import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// One run of `lessons` with bad input: the arguments with their placeholders filled in, the
/// outcome, and the checks every bad input must pass whatever it is.
///
/// Placeholders in the arguments: `{file}` is a regular file (so `{file}/x` is a path under a
/// file), `{dir}` an empty folder of the run's own, `{missing}` a folder that does not exist,
/// `{busy}` a loopback port something already listens on.
struct AbuseRun {
  /// How the command is expected to fail.
  enum Failure: String, Sendable {
    /// A mistake in the command line: exit status 2.
    case usage
    /// Well-formed but impossible to do (a folder that cannot be written, a port in use):
    /// exit status 1.
    case runtime

    var status: Int32 { self == .usage ? 2 : 1 }
  }

  var status: Int32 = -1
  /// The signal that ended the process, if one did.
  var signal: Int32?
  var stdout = ""
  var stderr = ""
  /// Whether it had to be killed after the time limit.
  var hung = false
  /// Files left in `{dir}` or beside `{file}` by the run.
  var leftovers: [String] = []
  /// What filled the placeholders (removed by now).
  let places: AbusePlaces

  /// What stderr says that is not the usage or a pointer to the help: the error lines.
  var errorLines: [String] {
    var lines: [String] = []
    var inUsage = false
    for line in stderr.split(separator: "\n", omittingEmptySubsequences: false).dropLast() {
      if line.hasPrefix("usage: ") {
        inUsage = true
        continue
      }
      if inUsage && line.hasPrefix(" ") { continue }
      inUsage = false
      if line.hasPrefix("Try '") && line.hasSuffix("--help' for more information.") { continue }
      lines.append(String(line))
    }
    return lines
  }

  /// Signs of a crash rather than an error message.
  static let crashMarks = [
    "Fatal error", "Stack dump", "Swift runtime failure", "Current stack trace",
    "Segmentation fault", "Illegal instruction", "Aborted", "💣", "backtrace",
  ]

  /// The crash marks found in the output.
  var crashSigns: [String] {
    Self.crashMarks.filter { stdout.contains($0) || stderr.contains($0) }
  }

  /// Runs `lessons arguments` with `input` on standard input (nothing by default), for at
  /// most `seconds`.
  init(_ template: [String], input: [UInt8]? = nil, seconds: Double = 60) throws {
    let places = try AbusePlaces()
    self.places = places
    defer { places.remove() }
    let process = Process()
    process.executableURL = try FlagsCLI.executable()
    process.arguments = template.map(places.fill)
    // The input comes from a file: a pipe whose reader has gone would raise SIGPIPE here.
    if let input {
      let path = places.root + "/input"
      guard FileManager.default.createFile(atPath: path, contents: Data(input)),
        let handle = FileHandle(forReadingAtPath: path)
      else { throw CocoaError(.fileWriteUnknown) }
      process.standardInput = handle
    } else {
      process.standardInput = FileHandle.nullDevice
    }
    let output = Pipe()
    let errors = Pipe()
    process.standardOutput = output
    process.standardError = errors
    let exited = DispatchSemaphore(value: 0)
    process.terminationHandler = { _ in exited.signal() }
    try process.run()
    let outputText = FlagsCLI.Collected(output.fileHandleForReading)
    let errorText = FlagsCLI.Collected(errors.fileHandleForReading)
    if exited.wait(timeout: .now() + seconds) == .timedOut {
      hung = true
      kill(process.processIdentifier, SIGKILL)
      exited.wait()
    }
    if process.terminationReason == .uncaughtSignal {
      signal = process.terminationStatus
    } else {
      status = process.terminationStatus
    }
    stdout = outputText.text()
    stderr = errorText.text()
    leftovers = places.leftovers()
  }
}

/// The files, folders and ports that fill an abuse case's placeholders, made fresh for each
/// run and removed after it.
struct AbusePlaces {
  let root: String
  let file: String
  let dir: String
  let missing: String
  let busy: BusyPort

  init() throws {
    root = NSTemporaryDirectory() + "lessons-abuse-" + UUID().uuidString
    file = root + "/plain-file"
    dir = root + "/empty"
    missing = root + "/no-such-folder"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    guard FileManager.default.createFile(atPath: file, contents: Data("x".utf8)) else {
      throw CocoaError(.fileWriteUnknown)
    }
    busy = try BusyPort()
  }

  /// `text` with its placeholders replaced.
  func fill(_ text: String) -> String {
    text.replacingOccurrences(of: "{file}", with: file)
      .replacingOccurrences(of: "{dir}", with: dir)
      .replacingOccurrences(of: "{missing}", with: missing)
      .replacingOccurrences(of: "{busy}", with: "\(busy.port)")
  }

  /// Everything in the run's folder besides the file and the empty folder: what the run left.
  func leftovers() -> [String] {
    let manager = FileManager.default
    let top = (try? manager.contentsOfDirectory(atPath: root)) ?? []
    let inside = (try? manager.contentsOfDirectory(atPath: dir)) ?? []
    return top.filter { !["plain-file", "empty", "input"].contains($0) }
      + inside.map { "empty/" + $0 }
  }

  func remove() {
    busy.close()
    try? FileManager.default.removeItem(atPath: root)
  }
}

/// A loopback port with a listening socket on it, so that nothing else can listen there.
final class BusyPort: @unchecked Sendable {
  let port: UInt16
  private let fd: Int32

  init() throws {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let listening = withUnsafeMutablePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        bind(fd, $0, length) == 0 && listen(fd, 16) == 0 && getsockname(fd, $0, &length) == 0
      }
    }
    guard listening else {
      Glibc.close(fd)
      throw CocoaError(.fileWriteUnknown)
    }
    self.fd = fd
    port = UInt16(bigEndian: address.sin_port)
  }

  func close() { Glibc.close(fd) }
}
