import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// A ``MessageChannel`` over two file descriptors: framed messages are read from `input` and
/// written to `output` (4-byte little-endian length, then the bytes).
///
/// A worker process talks to its parent through one on its standard input and output; the
/// parent has one on the other ends of the same pipes. Writes hold `SIGPIPE` off the calling
/// thread, so a reader that went away is an error (``WorkerProcessError/inputClosed(_:)``)
/// rather than the end of the process.
///
///     let channel = PipeChannel(input: STDIN_FILENO, output: STDOUT_FILENO, name: "parent")
///     while let job = try channel.receive() { try channel.send(job) }
public final class PipeChannel: MessageChannel, @unchecked Sendable {
  /// Who is at the other end, for messages (`ProcessPoolExecutor-0_1`, `parent`).
  public let name: String
  private let readLock = NSLock()
  private let writeLock = NSLock()
  // Guarded by `readLock`.
  private var input: Int32
  private var frames = FrameBuffer()
  private var chunk = [UInt8](repeating: 0, count: 64 * 1024)
  // Guarded by `writeLock`.
  private var output: Int32

  /// A channel reading `input` and writing `output`; it owns both and closes them.
  public init(input: Int32, output: Int32, name: String) {
    self.input = input
    self.output = output
    self.name = name
  }

  deinit {
    if input >= 0 { close(input) }
    if output >= 0 { close(output) }
  }

  /// Writes one framed message, all of it.
  public func send(_ message: [UInt8]) throws {
    let framed = MessageFraming.frame(message)
    try writeLock.withLock {
      guard output >= 0 else { throw WorkerProcessError.inputClosed(name) }
      let failure: Int32 = framed.withUnsafeBytes { buffer in
        guard let base = buffer.baseAddress else { return 0 }
        return PipeSignal.heldOff { Self.writeAll(output, base, buffer.count) }
      }
      if failure == EPIPE { throw WorkerProcessError.inputClosed(name) }
      if failure != 0 {
        throw WorkerProcessError.ioFailed("cannot write to \(name): \(Self.reason(failure))")
      }
    }
  }

  /// Reads until a whole message has arrived; nil at the end of the input.
  public func receive() throws -> [UInt8]? {
    try readLock.withLock {
      while true {
        if let message = try frames.next() { return message }
        guard input >= 0 else { return nil }
        let count = chunk.withUnsafeMutableBytes { buffer in
          var count: Int
          repeat {
            count = read(input, buffer.baseAddress, buffer.count)
          } while count < 0 && errno == EINTR
          return count
        }
        if count < 0 {
          throw WorkerProcessError.ioFailed("cannot read from \(name): \(Self.reason(errno))")
        }
        if count == 0 {
          close(input)
          input = -1
          if frames.hasPartialMessage {
            throw WorkerProcessError.malformedMessage("\(name) closed its end mid-message")
          }
          return nil
        }
        chunk.withUnsafeBytes { frames.append(UnsafeRawBufferPointer(rebasing: $0[..<count])) }
      }
    }
  }

  /// Closes the writing end: the other side reads the end of its input.
  public func closeOutput() {
    writeLock.withLock {
      if output >= 0 { close(output) }
      output = -1
    }
  }

  /// `write(2)` until everything is written; 0, or the `errno` of the failure.
  private static func writeAll(_ fd: Int32, _ base: UnsafeRawPointer, _ count: Int) -> Int32 {
    var offset = 0
    while offset < count {
      let written = write(fd, base + offset, count - offset)
      if written < 0 {
        if errno == EINTR { continue }
        return errno
      }
      offset += written
    }
    return 0
  }

  static func reason(_ code: Int32) -> String {
    strerror(code).map { String(cString: $0) } ?? "errno \(code)"
  }
}
