/// The wire form of a message: a 4-byte little-endian length, then the message.
enum MessageFraming {
  /// The longest message accepted, so that a corrupt length cannot ask for gigabytes.
  static let maximumLength = 1 << 30

  /// `message` with its length in front.
  static func frame(_ message: [UInt8]) -> [UInt8] {
    var framed: [UInt8] = []
    framed.reserveCapacity(4 + message.count)
    let length = UInt32(truncatingIfNeeded: message.count)
    for shift in stride(from: 0, to: 32, by: 8) {
      framed.append(UInt8(truncatingIfNeeded: length >> UInt32(shift)))
    }
    framed.append(contentsOf: message)
    return framed
  }
}

/// Bytes received so far, cut into whole messages as they complete.
struct FrameBuffer {
  private var bytes: [UInt8] = []
  private var head = 0

  /// Whether bytes of an unfinished message are waiting.
  var hasPartialMessage: Bool { head < bytes.count }

  mutating func append(_ chunk: UnsafeRawBufferPointer) {
    compact()
    bytes.append(contentsOf: chunk)
  }

  mutating func append(_ chunk: [UInt8]) {
    compact()
    bytes.append(contentsOf: chunk)
  }

  /// The next whole message, or nil until more bytes arrive.
  mutating func next() throws(WorkerProcessError) -> [UInt8]? {
    guard bytes.count - head >= 4 else { return nil }
    var length = 0
    for index in 0..<4 { length |= Int(bytes[head + index]) << (8 * index) }
    guard length <= MessageFraming.maximumLength else {
      throw .malformedMessage("a message of \(length) bytes, over the limit")
    }
    guard bytes.count - head - 4 >= length else { return nil }
    let start = head + 4
    head = start + length
    return Array(bytes[start..<head])
  }

  /// Drops what has been consumed, once it is worth the copy.
  private mutating func compact() {
    if head == bytes.count {
      bytes.removeAll(keepingCapacity: true)
      head = 0
    } else if head > 4096 && head * 2 > bytes.count {
      bytes.removeFirst(head)
      head = 0
    }
  }
}
