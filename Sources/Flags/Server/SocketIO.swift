#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Blocking socket calls with the loops real sockets need: partial writes, `EINTR`,
/// time-outs, and no `SIGPIPE`.
enum SocketIO {
  /// What one read produced.
  enum ReadResult: Equatable {
    /// Some bytes were appended.
    case data
    /// The peer closed its side.
    case closed
    /// The receive time-out expired with nothing read.
    case timedOut
    /// Any other failure (reset, shut down): give up on the connection.
    case failed
  }

  /// Reads what is available (blocking until something is) and appends it to `buffer`.
  ///
  /// Retries on `EINTR`.
  static func read(_ fd: Int32, into buffer: inout [UInt8]) -> ReadResult {
    var chunk = [UInt8](repeating: 0, count: 16 * 1024)
    while true {
      let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
      if count > 0 {
        buffer += chunk[0..<count]
        return .data
      }
      if count == 0 { return .closed }
      switch errno {
      case EINTR: continue
      case EAGAIN, EWOULDBLOCK: return .timedOut
      default: return .failed
      }
    }
  }

  /// Writes all of `bytes`, looping over partial writes and `EINTR`.
  ///
  /// Returns `false` if the peer went away or the send time-out expired. Uses
  /// `MSG_NOSIGNAL`, so a closed peer is an error rather than a `SIGPIPE`.
  static func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
    var offset = 0
    while offset < bytes.count {
      let sent = bytes.withUnsafeBytes { raw in
        send(fd, raw.baseAddress.map { $0 + offset }, raw.count - offset, Int32(MSG_NOSIGNAL))
      }
      if sent > 0 {
        offset += sent
      } else if sent < 0 && errno == EINTR {
        continue
      } else {
        return false
      }
    }
    return true
  }

  /// Sets a receive or send time-out (`SO_RCVTIMEO` / `SO_SNDTIMEO`) in milliseconds.
  static func setTimeout(_ fd: Int32, option: Int32, milliseconds: Int) {
    var value = timeval(tv_sec: milliseconds / 1000, tv_usec: (milliseconds % 1000) * 1000)
    _ = setsockopt(fd, SOL_SOCKET, option, &value, socklen_t(MemoryLayout<timeval>.size))
  }

  /// Sets an integer socket option such as `SO_REUSEADDR`.
  static func setFlag(_ fd: Int32, level: Int32, option: Int32, value: Int32 = 1) {
    var value = value
    _ = setsockopt(fd, level, option, &value, socklen_t(MemoryLayout<Int32>.size))
  }

  /// A `sockaddr_in` for 127.0.0.1 and `port`.
  static func loopback(port: UInt16) -> sockaddr_in {
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = port.bigEndian
    address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
    return address
  }

  /// The dotted-quad text of an IPv4 address, e.g. `127.0.0.1`.
  static func text(of address: sockaddr_in) -> String {
    let value = UInt32(bigEndian: address.sin_addr.s_addr)
    return [24, 16, 8, 0].map { String((value >> UInt32($0)) & 0xFF) }.joined(separator: ".")
  }

  /// The text of `errno` value `code`, e.g. "Address already in use".
  static func describe(_ code: Int32) -> String {
    guard let text = strerror(code) else { return "errno \(code)" }
    return String(cString: text)
  }
}
