#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Socket calls with the loops real sockets need: partial writes, `EINTR`, deadlines, and
/// no `SIGPIPE`.
///
/// Reads and writes take a deadline, a point in time, rather than a time-out that would
/// restart with every byte: a peer that trickles bytes in, or takes them a few at a time,
/// still runs out of time. Each call waits with `poll` for as long as is left, then
/// reads or writes without blocking (`MSG_DONTWAIT`), so the socket itself stays in
/// blocking mode and needs no time-out options.
enum SocketIO {
  /// What one read produced.
  enum ReadResult: Equatable {
    /// Some bytes were appended.
    case data
    /// The peer closed its side.
    case closed
    /// The deadline passed with nothing read.
    case timedOut
    /// Any other failure (reset, shut down): give up on the connection.
    case failed
  }

  /// Reads what is available, waiting until something is or `deadline` passes, and
  /// appends it to `buffer`.
  ///
  /// Bytes that have already arrived are returned even if the deadline has passed, so a
  /// thread that was slow to get here does not fail a peer that was on time. Retries on
  /// `EINTR`.
  static func read(
    _ fd: Int32, into buffer: inout [UInt8], until deadline: ContinuousClock.Instant
  ) -> ReadResult {
    var chunk = [UInt8](repeating: 0, count: 16 * 1024)
    while true {
      let count = chunk.withUnsafeMutableBytes {
        recv(fd, $0.baseAddress, $0.count, Int32(MSG_DONTWAIT))
      }
      if count > 0 {
        buffer += chunk[0..<count]
        return .data
      }
      if count == 0 { return .closed }
      switch errno {
      case EINTR:
        continue
      case EAGAIN, EWOULDBLOCK:
        switch wait(fd, for: Int16(POLLIN), until: deadline) {
        case .ready: continue
        case .timedOut: return .timedOut
        case .failed: return .failed
        }
      default:
        return .failed
      }
    }
  }

  /// Writes all of `bytes` before `deadline`, looping over partial writes and `EINTR`.
  ///
  /// Returns `false` if the peer went away or the deadline passed first: however slowly
  /// the peer takes the bytes, the call ends by the deadline. Sends with `MSG_NOSIGNAL`,
  /// so a closed peer is an `EPIPE` error on this socket rather than a `SIGPIPE` for the
  /// whole process, whatever the process's signal dispositions.
  static func writeAll(
    _ fd: Int32, _ bytes: [UInt8], until deadline: ContinuousClock.Instant
  ) -> Bool {
    var offset = 0
    while offset < bytes.count {
      let sent = bytes.withUnsafeBytes { raw in
        send(
          fd, raw.baseAddress.map { $0 + offset }, raw.count - offset,
          Int32(MSG_NOSIGNAL) | Int32(MSG_DONTWAIT))
      }
      if sent > 0 {
        offset += sent
        continue
      }
      guard sent < 0 else { return false }
      switch errno {
      case EINTR:
        continue
      case EAGAIN, EWOULDBLOCK:
        guard wait(fd, for: Int16(POLLOUT), until: deadline) == .ready else { return false }
      default:
        return false
      }
    }
    return true
  }

  /// What waiting for a socket produced.
  private enum Readiness {
    /// Ready for the call, or with an error or hang-up for the call to report.
    case ready
    /// The deadline passed first.
    case timedOut
    /// `poll` itself failed.
    case failed
  }

  /// Waits until `fd` is ready for `events` or `deadline` passes.
  private static func wait(
    _ fd: Int32, for events: Int16, until deadline: ContinuousClock.Instant
  ) -> Readiness {
    while true {
      let left = deadline - .now
      guard left > .zero else { return .timedOut }
      var ready = pollfd(fd: fd, events: events, revents: 0)
      let result = poll(&ready, 1, milliseconds(roundingUp: left))
      if result > 0 { return .ready }
      if result < 0 && errno != EINTR { return .failed }
    }
  }

  /// `duration` in whole milliseconds, rounded up (so a wait never ends just short of a
  /// deadline and spins) and capped to what `poll` accepts.
  static func milliseconds(roundingUp duration: Duration) -> Int32 {
    let (seconds, attoseconds) = duration.components
    guard seconds < Int64(Int32.max / 1000) else { return Int32.max }
    guard seconds >= 0, attoseconds >= 0 else { return 0 }
    let whole = attoseconds / 1_000_000_000_000_000
    let partial: Int64 = attoseconds % 1_000_000_000_000_000 > 0 ? 1 : 0
    return Int32(seconds * 1000 + whole + partial)
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
