import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Asks whether anything listens on a TCP port of 127.0.0.1, without sending a byte.
///
/// `flags2` uses it to decide whether a `lessons serve` is already running on the book's
/// port or whether it must start a flag server of its own.
///
///     LoopbackProbe.isListening(port: 8001)   // false, unless `lessons serve` runs
public enum LoopbackProbe {
  /// True if a connection to `127.0.0.1:port` is accepted within `timeout`.
  public static func isListening(port: UInt16, timeout: Duration = .milliseconds(500)) -> Bool {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
    guard fd >= 0 else { return false }
    defer { close(fd) }
    let flags = fcntl(fd, F_GETFL, 0)
    _ = fcntl(fd, F_SETFL, flags | O_NONBLOCK)
    var address = SocketIO.loopback(port: port)
    let status = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    if status == 0 { return true }
    guard errno == EINPROGRESS else { return false }
    var ready = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
    let (seconds, attoseconds) = timeout.components
    let millis = Int32(clamping: seconds * 1000 + attoseconds / 1_000_000_000_000_000)
    guard poll(&ready, 1, millis) > 0 else { return false }
    var failure: Int32 = 0
    var length = socklen_t(MemoryLayout<Int32>.size)
    getsockopt(fd, SOL_SOCKET, SO_ERROR, &failure, &length)
    return failure == 0
  }
}
