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
      _ = SocketIO.writeAll(sender, bytes, until: .now + .seconds(60))
      shutdown(sender, Int32(SHUT_WR))
    }
    writer.start()
    while SocketIO.read(fds[1], into: &received, until: .now + .seconds(60)) == .data {}
    #expect(received == bytes)
  }

  @Test("a read with nothing to read ends .timedOut at its deadline; errno texts are readable")
  func timeout() {
    var fds: [Int32] = [0, 0]
    #expect(socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0, &fds) == 0)
    defer { for fd in fds { close(fd) } }
    var buffer: [UInt8] = []
    #expect(SocketIO.read(fds[1], into: &buffer, until: .now + .milliseconds(20)) == .timedOut)
    #expect(SocketIO.describe(EADDRINUSE) == "Address already in use")
  }

  @Test("bytes that have already arrived are read even after the deadline")
  func lateReader() {
    var fds: [Int32] = [0, 0]
    #expect(socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0, &fds) == 0)
    defer { for fd in fds { close(fd) } }
    #expect(SocketIO.writeAll(fds[0], [1, 2, 3], until: .now + .seconds(60)))
    var buffer: [UInt8] = []
    #expect(SocketIO.read(fds[1], into: &buffer, until: .now - .seconds(1)) == .data)
    #expect(buffer == [1, 2, 3])
  }

  @Test("a head and a body go out whole and in order, in one call or many")
  func headAndBody() {
    var fds: [Int32] = [0, 0]
    #expect(socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0, &fds) == 0)
    defer { for fd in fds { close(fd) } }
    // More than a socket pair buffers, so sendmsg stops part-way, once in the body at least.
    let head = Array("HTTP/1.1 200 OK\r\n\r\n".utf8)
    let body = Data((0..<3_000_000).map { UInt8($0 % 253) })
    let sender = fds[0]
    let writer = Thread {
      _ = SocketIO.writeAll(sender, head, body, until: .now + .seconds(60))
      _ = SocketIO.writeAll(sender, [9], Data(), until: .now + .seconds(60))
      shutdown(sender, Int32(SHUT_WR))
    }
    writer.start()
    var received: [UInt8] = []
    while SocketIO.read(fds[1], into: &received, until: .now + .seconds(60)) == .data {}
    #expect(received == head + Array(body) + [9])
  }

  @Test("waiting first reads what arrives, what had arrived, and times out alike")
  func waitingFirst() {
    var fds: [Int32] = [0, 0]
    #expect(socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0, &fds) == 0)
    defer { for fd in fds { close(fd) } }
    var buffer: [UInt8] = []
    let quiet = SocketIO.read(
      fds[1], into: &buffer, until: .now + .milliseconds(20), waitingFirst: true)
    #expect(quiet == .timedOut)
    #expect(SocketIO.writeAll(fds[0], [1, 2, 3], until: .now + .seconds(60)))
    let late = SocketIO.read(fds[1], into: &buffer, until: .now - .seconds(1), waitingFirst: true)
    #expect(late == .data)
    #expect(buffer == [1, 2, 3])
    shutdown(fds[0], Int32(SHUT_WR))
    let closed = SocketIO.read(
      fds[1], into: &buffer, until: .now + .seconds(60), waitingFirst: true)
    #expect(closed == .closed)
  }

  @Test("waiting inside recv reads, times out at the receive time-out and sees a close")
  func readBlocking() {
    var fds: [Int32] = [0, 0]
    #expect(socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0, &fds) == 0)
    defer { for fd in fds { close(fd) } }
    #expect(!SocketIO.setReceiveTimeout(fds[1], .zero))
    #expect(SocketIO.setReceiveTimeout(fds[1], .milliseconds(20)))
    var buffer: [UInt8] = []
    let start = ContinuousClock.now
    let quiet = SocketIO.readBlocking(fds[1], into: &buffer, until: start + .milliseconds(20))
    #expect(quiet == .timedOut)
    #expect(ContinuousClock.now - start >= .milliseconds(20))
    #expect(SocketIO.writeAll(fds[0], [4, 5], until: .now + .seconds(60)))
    let data = SocketIO.readBlocking(fds[1], into: &buffer, until: .now + .milliseconds(20))
    #expect(data == .data)
    #expect(buffer == [4, 5])
    shutdown(fds[0], Int32(SHUT_WR))
    let closed = SocketIO.readBlocking(fds[1], into: &buffer, until: .now + .milliseconds(20))
    #expect(closed == .closed)
  }

  @Test("a write to a peer that never reads gives up at its deadline")
  func writeDeadline() {
    var fds: [Int32] = [0, 0]
    #expect(socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0, &fds) == 0)
    defer { for fd in fds { close(fd) } }
    // Far more than a socket pair buffers, so the write must wait for a reader.
    let bytes = [UInt8](repeating: 7, count: 16 << 20)
    #expect(!SocketIO.writeAll(fds[0], bytes, until: .now + .milliseconds(200)))
  }

  @Test("poll waits are whole milliseconds, rounded up and capped")
  func milliseconds() {
    #expect(SocketIO.milliseconds(roundingUp: .milliseconds(20)) == 20)
    #expect(SocketIO.milliseconds(roundingUp: .microseconds(1)) == 1)
    #expect(SocketIO.milliseconds(roundingUp: .microseconds(1500)) == 2)
    #expect(SocketIO.milliseconds(roundingUp: .seconds(1 << 40)) == Int32.max)
    #expect(SocketIO.milliseconds(roundingUp: .seconds(-1)) == 0)
  }
}
