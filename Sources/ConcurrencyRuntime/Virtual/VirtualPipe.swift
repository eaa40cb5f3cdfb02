/// One direction of a simulated process's plumbing: framed bytes written at one end are read
/// at the other, and a reader blocks (handing the baton on) until a whole message is there.
final class VirtualPipe: @unchecked Sendable {
  private let condition: VirtualCondition
  // Guarded by `condition`.
  private var frames = FrameBuffer()
  private var writerClosed = false
  private var readerClosed = false

  init(label: String, scheduler: Scheduler) {
    condition = VirtualCondition(label: label, reason: nil, scheduler: scheduler)
  }

  /// Appends `message`, framed; `closed` names the error when either end is closed.
  func write(_ message: [UInt8], closed: @autoclosure () -> WorkerProcessError) throws {
    try condition.withLock {
      guard !writerClosed, !readerClosed else { throw closed() }
      frames.append(MessageFraming.frame(message))
      condition.notifyAll()
    }
  }

  /// The next whole message; nil once the writing end is closed and everything is read.
  func read() throws -> [UInt8]? {
    try condition.withLock {
      while true {
        if readerClosed { return nil }
        if let message = try frames.next() { return message }
        if writerClosed {
          if frames.hasPartialMessage {
            throw WorkerProcessError.malformedMessage("the writer closed its end mid-message")
          }
          return nil
        }
        condition.wait()
      }
    }
  }

  /// No more writes; the reader gets what is left, then the end.
  func closeWriter() {
    condition.withLock {
      writerClosed = true
      condition.notifyAll()
    }
  }

  /// Nobody reads any more: writes fail and what was unread is dropped.
  func closeReader() {
    condition.withLock {
      readerClosed = true
      condition.notifyAll()
    }
  }
}
