#if canImport(Glibc)
  import Glibc
#endif

/// One TCP connection of ``HTTPClient``: a non-blocking socket and a receive buffer.
///
/// The socket never blocks: the blocking face waits for it with `poll`, the async face with the
/// event loop. It is used by one request at a time and handed between threads only through the
/// pool's lock, hence @unchecked Sendable.
final class HTTPConnection: @unchecked Sendable {
  /// The socket.
  let fd: Int32
  /// Whether `connect` has finished (it may still be in progress after ``open(_:)``).
  var isConnected: Bool
  /// Where `recv` puts bytes before the parser takes them.
  let scratch: UnsafeMutableRawBufferPointer
  private var isClosed = false

  /// The size of a receive: a flag or two, in one call.
  static let scratchSize = 64 * 1024

  private init(fd: Int32, isConnected: Bool) {
    self.fd = fd
    self.isConnected = isConnected
    scratch = .allocate(byteCount: Self.scratchSize, alignment: 16)
  }

  deinit {
    close()
    scratch.deallocate()
  }

  /// Starts connecting to `target`: the connection is returned at once, connected or still
  /// connecting; a connection refused outright is an error.
  static func open(_ target: HTTPTarget) -> Result<HTTPConnection, FlagNetworkError> {
    let fd = socket(
      AF_INET,
      Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
    guard fd >= 0 else { return .failure(.connectionFailed(SocketIO.describe(errno))) }
    SocketIO.setFlag(fd, level: Int32(IPPROTO_TCP), option: TCP_NODELAY)
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = target.port.bigEndian
    address.sin_addr.s_addr = target.address
    let status = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    if status == 0 { return .success(HTTPConnection(fd: fd, isConnected: true)) }
    let code = errno
    guard code == EINPROGRESS || code == EINTR else {
      Glibc.close(fd)
      return .failure(.connectionFailed(SocketIO.describe(code)))
    }
    return .success(HTTPConnection(fd: fd, isConnected: false))
  }

  /// The outcome of a non-blocking `connect` once the socket is writable: nil if connected.
  func connectError() -> FlagNetworkError? {
    var failure: Int32 = 0
    var length = socklen_t(MemoryLayout<Int32>.size)
    guard getsockopt(fd, SOL_SOCKET, SO_ERROR, &failure, &length) == 0 else {
      return .connectionFailed(SocketIO.describe(errno))
    }
    if failure == 0 {
      isConnected = true
      return nil
    }
    return .connectionFailed(SocketIO.describe(failure))
  }

  /// Whether an idle connection is no use any more: the server closed it (it closes idle
  /// connections after a few seconds), reset it, or sent something nobody asked for.
  var isStale: Bool {
    var byte: UInt8 = 0
    let count = recv(fd, &byte, 1, Int32(MSG_PEEK) | Int32(MSG_DONTWAIT))
    return !(count < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
  }

  /// Closes the socket (once).
  func close() {
    guard !isClosed else { return }
    isClosed = true
    Glibc.close(fd)
  }
}
