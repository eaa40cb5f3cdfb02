import Foundation
import Testing

@testable import Flags

#if canImport(Glibc)
  import Glibc
#endif

@Suite("SocketIO")
struct SocketIOTests {
  @Test("loopback addresses are 127.0.0.1 in network byte order")
  func loopback() {
    let address = SocketIO.loopback(port: 8001)
    #expect(SocketIO.text(of: address) == "127.0.0.1")
    #expect(UInt16(bigEndian: address.sin_port) == 8001)
  }

  @Test("reads and writes move every byte through a socket pair")
  func socketPair() {
    var fds: [Int32] = [0, 0]
    #expect(socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0, &fds) == 0)
    defer { for fd in fds { close(fd) } }
    let bytes = (0..<100_000).map { UInt8($0 % 251) }
    var received: [UInt8] = []
    let sender = fds[0]
    let writer = Thread {
      _ = SocketIO.writeAll(sender, bytes)
      shutdown(sender, Int32(SHUT_WR))
    }
    writer.start()
    while SocketIO.read(fds[1], into: &received) == .data {}
    #expect(received == bytes)
  }

  @Test("a read times out as .timedOut and errno texts are readable")
  func timeout() {
    var fds: [Int32] = [0, 0]
    #expect(socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0, &fds) == 0)
    defer { for fd in fds { close(fd) } }
    SocketIO.setTimeout(fds[1], option: SO_RCVTIMEO, milliseconds: 20)
    var buffer: [UInt8] = []
    #expect(SocketIO.read(fds[1], into: &buffer) == .timedOut)
    #expect(SocketIO.describe(EADDRINUSE) == "Address already in use")
  }
}
