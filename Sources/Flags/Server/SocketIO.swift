import Foundation

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
  /// `EINTR`. With `waitingFirst`, it waits before it tries to read, which saves a system
  /// call when nothing is expected yet (a kept-alive connection between requests); what it
  /// returns is the same.
  static func read(
    _ fd: Int32, into buffer: inout [UInt8], until deadline: ContinuousClock.Instant,
    waitingFirst: Bool = false
  ) -> ReadResult {
    if waitingFirst {
      // Whatever the wait says, the read below tells data, a close and a time-out apart.
      _ = wait(fd, for: Int16(POLLIN), until: deadline)
    }
    return withUnsafeTemporaryAllocation(byteCount: 16 * 1024, alignment: 1) { chunk in
      read(fd, into: &buffer, until: deadline, chunk: chunk)
    }
  }

  /// Reads as ``read(_:into:until:waitingFirst:)`` does, but waits inside `recv` itself, one
  /// system call instead of a `poll` and a `recv`, for as long as the socket's receive
  /// time-out allows (see ``setReceiveTimeout(_:_:)``): for a caller that sets that time-out
  /// to the time left before `deadline` whenever it calls. A time-out, an interruption or an
  /// error in `recv` is settled by the deadline-bound read, so the result is the same.
  static func readBlocking(
    _ fd: Int32, into buffer: inout [UInt8], until deadline: ContinuousClock.Instant
  ) -> ReadResult {
    withUnsafeTemporaryAllocation(byteCount: 16 * 1024, alignment: 1) { chunk in
      let count = recv(fd, chunk.baseAddress, chunk.count, 0)
      if count > 0 {
        buffer.append(contentsOf: UnsafeRawBufferPointer(rebasing: chunk[0..<count]))
        return .data
      }
      if count == 0 { return .closed }
      return read(fd, into: &buffer, until: deadline, chunk: chunk)
    }
  }

  /// Makes a blocking `recv` on `fd` give up after `timeout` (`SO_RCVTIMEO`); `false` if the
  /// time-out is not positive (the kernel would read that as "never") or cannot be set.
  static func setReceiveTimeout(_ fd: Int32, _ timeout: Duration) -> Bool {
    let (seconds, attoseconds) = timeout.components
    guard timeout > .zero else { return false }
    var value = timeval(
      tv_sec: Int(clamping: seconds), tv_usec: Int(attoseconds / 1_000_000_000_000))
    if value.tv_sec == 0 && value.tv_usec == 0 { value.tv_usec = 1 }
    return setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &value, socklen_t(MemoryLayout<timeval>.size))
      == 0
  }

  /// ``read(_:into:until:waitingFirst:)`` through `chunk`, a scratch buffer on the stack
  /// (neither allocated nor zeroed for every read).
  private static func read(
    _ fd: Int32, into buffer: inout [UInt8], until deadline: ContinuousClock.Instant,
    chunk: UnsafeMutableRawBufferPointer
  ) -> ReadResult {
    while true {
      let count = recv(fd, chunk.baseAddress, chunk.count, Int32(MSG_DONTWAIT))
      if count > 0 {
        buffer.append(contentsOf: UnsafeRawBufferPointer(rebasing: chunk[0..<count]))
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
    bytes.withUnsafeBytes { writeAll(fd, parts: [$0], until: deadline) }
  }

  /// Writes `head` and then `body` before `deadline`, as ``writeAll(_:_:until:)`` writes
  /// one buffer, but with one `sendmsg` for both, so the body is never copied behind the
  /// head.
  static func writeAll(
    _ fd: Int32, _ head: [UInt8], _ body: Data, until deadline: ContinuousClock.Instant
  ) -> Bool {
    head.withUnsafeBytes { head in
      body.withUnsafeBytes { body in writeAll(fd, parts: [head, body], until: deadline) }
    }
  }

  /// Writes `parts` in order, with `sendmsg` from where the last call stopped.
  private static func writeAll(
    _ fd: Int32, parts: [UnsafeRawBufferPointer], until deadline: ContinuousClock.Instant
  ) -> Bool {
    let total = parts.reduce(0) { $0 + $1.count }
    var offset = 0
    while offset < total {
      var vectors: [iovec] = []
      var skip = offset
      for part in parts {
        guard skip < part.count, let base = part.baseAddress else {
          skip -= min(skip, part.count)
          continue
        }
        vectors.append(
          iovec(
            iov_base: UnsafeMutableRawPointer(mutating: base + skip), iov_len: part.count - skip))
        skip = 0
      }
      let sent = vectors.withUnsafeMutableBufferPointer { vectors in
        var message = msghdr()
        message.msg_iov = vectors.baseAddress
        message.msg_iovlen = vectors.count
        return sendmsg(fd, &message, Int32(MSG_NOSIGNAL) | Int32(MSG_DONTWAIT))
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
