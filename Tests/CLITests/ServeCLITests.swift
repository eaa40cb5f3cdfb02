import Foundation
import Testing

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif
#if canImport(Glibc)
  import Glibc
#endif

@Suite("lessons serve", .timeLimit(.minutes(2)))
struct ServeCLITests {
  @Test(
    "every usage error: one line, a hint, exit status 2",
    arguments: [
      (["--port", "0", "--profile", "local"], "--port must be between 1 and 65535, not '0'"),
      (["--port", "8001"], "--port needs exactly one --profile (3 chosen)"),
      (["--profile", "remote"], "unknown profile 'remote': expected LOCAL, DELAY or ERROR"),
      (["--delay", "61"], "--delay must be a number of seconds between 0 and 60, not '61'"),
      (["--error-rate", "2"], "--error-rate must be between 0 and 1, not '2'"),
      (["--seed", "-1"], "--seed must be a whole number from 0 to 2^64 - 1, not '-1'"),
      (
        ["--profile", "local", "--delay", "1"],
        "--delay applies only to the DELAY and ERROR profiles"
      ),
      (["--profile"], "--profile needs a value"),
      (["--bogus"], "unknown option '--bogus'"),
      (["extra"], "unexpected argument 'extra'"),
    ])
  func usageErrors(arguments: [String], message: String) throws {
    let result = try FlagsCLI.run(["serve"] + arguments)
    #expect(result.status == 2)
    #expect(result.output == "")
    #expect(
      result.errors
        == "lessons serve: \(message)\nTry 'lessons serve --help' for more information.\n")
  }

  @Test("--help prints the options and exits 0")
  func help() throws {
    let result = try FlagsCLI.run(["serve", "--help"])
    #expect(result.status == 0)
    #expect(result.output.hasPrefix("usage: lessons serve"))
    #expect(result.output.contains("--error-rate R"))
  }

  @Test("it serves flags on the chosen port until SIGINT, then stops cleanly with status 0")
  func servesUntilInterrupted() throws {
    let port = freePort()
    let server = try ServeProcess(["--profile", "local", "--port", "\(port)"])
    let first = server.nextLine()
    #expect(first == "Serving LOCAL flags (no delay) at http://127.0.0.1:\(port)/flags")
    #expect(server.nextLine() == "Press Ctrl-C to stop.")
    let (status, length) = try fetch("http://127.0.0.1:\(port)/flags/cn/cn.gif")
    #expect(status == 200 && length > 1000)
    #expect(try fetch("http://127.0.0.1:\(port)/flags/xx/xx.gif").status == 404)
    let exit = server.interrupt()
    #expect(exit == 0)
    #expect(server.nextLine() == "Stopped.")
  }

  @Test("a port already in use is one error line and exit status 1")
  func portInUse() throws {
    let port = freePort()
    let first = try ServeProcess(["--profile", "delay", "--port", "\(port)"])
    _ = first.nextLine()
    defer { _ = first.interrupt() }
    let second = try FlagsCLI.run(["serve", "--profile", "error", "--port", "\(port)"])
    #expect(second.status == 1)
    #expect(
      second.errors == "error: port \(port) on 127.0.0.1 is already in use; "
        + "choose another with --port\n")
  }

  /// GETs `url` with URLSession; returns the status and the body's length.
  func fetch(_ url: String) throws -> (status: Int, length: Int) {
    let done = DispatchSemaphore(value: 0)
    let box = FetchBox()
    URLSession.shared.dataTask(with: URL(string: url)!) { data, response, error in
      box.value = ((response as? HTTPURLResponse)?.statusCode ?? -1, data?.count ?? 0)
      done.signal()
    }.resume()
    done.wait()
    return box.value
  }

  final class FetchBox: @unchecked Sendable {
    var value = (status: -1, length: 0)
  }

  /// Whether something accepts connections on 127.0.0.1:`port` within `seconds`.
  func waitForListener(port: UInt16, seconds: Double = 20) -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    repeat {
      let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
      var address = sockaddr_in()
      address.sin_family = sa_family_t(AF_INET)
      address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
      address.sin_port = port.bigEndian
      let connected = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
          connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
        }
      }
      close(fd)
      if connected { return true }
      Thread.sleep(forTimeInterval: 0.02)
    } while Date() < deadline
    return false
  }

  /// A port the system just handed out, closed again for the server to take.
  func freePort() -> UInt16 {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafeMutablePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        _ = bind(fd, $0, length)
        return getsockname(fd, $0, &length)
      }
    }
    return UInt16(bigEndian: address.sin_port)
  }
}

/// `lessons serve` running in the background, read line by line.
final class ServeProcess: @unchecked Sendable {
  /// Where one of the server's output streams goes.
  enum Sink {
    /// A pipe read line by line (``nextLine(waiting:)``).
    case lines
    /// `/dev/null`.
    case null
    /// A pipe whose reader is closed at once: every write gets EPIPE.
    case closedPipe
    /// `/dev/full`: every write gets ENOSPC.
    case full
  }

  private let process = Process()
  private let exited = DispatchSemaphore(value: 0)
  private let lines = DispatchSemaphore(value: 0)
  private let lock = NSLock()
  private var received: [String] = []

  /// Starts `lessons serve arguments`; by default its output is read and its log dropped.
  init(_ arguments: [String], standardOutput: Sink = .lines, standardError: Sink = .null)
    throws
  {
    process.executableURL = try FlagsCLI.executable()
    process.arguments = ["serve"] + arguments
    var readers: [FileHandle] = []
    var closing: [FileHandle] = []
    func attach(_ sink: Sink) throws -> Any {
      switch sink {
      case .null: return FileHandle.nullDevice
      case .full:
        guard let full = FileHandle(forWritingAtPath: "/dev/full") else {
          throw CocoaError(.fileNoSuchFile)
        }
        return full
      case .lines, .closedPipe:
        let pipe = Pipe()
        (sink == .lines
          ? { readers.append(pipe.fileHandleForReading) }
          : {
            closing.append(pipe.fileHandleForReading)
          })()
        return pipe
      }
    }
    process.standardOutput = try attach(standardOutput)
    process.standardError = try attach(standardError)
    process.terminationHandler = { [exited] _ in exited.signal() }
    try process.run()
    for handle in closing { try handle.close() }
    for handle in readers {
      Thread.detachNewThread { [self] in
        var pending = Data()
        while true {
          let chunk = handle.availableData
          if chunk.isEmpty { break }
          pending += chunk
          while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
            let line = String(decoding: pending[pending.startIndex..<newline], as: UTF8.self)
            pending = Data(pending[(newline + 1)...])
            lock.withLock { received.append(line) }
            lines.signal()
          }
        }
      }
    }
  }

  /// The next line of the output being read, or nil after `waiting` seconds without one.
  func nextLine(waiting seconds: Double = 30) -> String? {
    guard lines.wait(timeout: .now() + seconds) == .success else { return nil }
    return lock.withLock { received.removeFirst() }
  }

  /// Kills it with SIGKILL, which it cannot catch, and waits for the end.
  func kill() {
    Glibc.kill(process.processIdentifier, SIGKILL)
    exited.wait()
  }

  /// Sends SIGINT and returns the exit status (nil if it did not exit within 30 s).
  func interrupt() -> Int32? {
    process.interrupt()
    guard exited.wait(timeout: .now() + 30) == .success else {
      process.terminate()
      return nil
    }
    return process.terminationStatus
  }
}
