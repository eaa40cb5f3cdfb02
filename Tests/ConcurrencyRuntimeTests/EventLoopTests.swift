import ConcurrencyRuntime
import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// A connected pair of Unix sockets, closed after `body`.
func withSocketPair<T>(_ body: (Int32, Int32) throws -> T) throws -> T {
  var fds: [Int32] = [0, 0]
  guard socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0, &fds) == 0 else {
    throw POSIXError(.EMFILE)
  }
  defer {
    close(fds[0])
    close(fds[1])
  }
  return try body(fds[0], fds[1])
}

/// Values appended from any thread or task.
final class Recorder<Value: Sendable>: @unchecked Sendable {
  private let lock = NSLock()
  private var values: [Value] = []
  func append(_ value: Value) { lock.withLock { values.append(value) } }
  var all: [Value] { lock.withLock { values } }
}

@Suite("Event loop", .timeLimit(.minutes(5)))
struct EventLoopTests {
  @Test("runAsync: every task of the run, children too, runs on the loop and sees the runtime")
  func tasksSeeTheRuntime() throws {
    let runtime = Runtime.live()
    let seen = Recorder<String>()
    try withSocketPair { reader, writer in
      try runtime.runAsync {
        let loopThread = pthread_self()
        await withTaskGroup(of: Void.self) { group in
          for n in 0..<3 {
            group.addTask {
              try? await runtime.clock.sleep(for: .milliseconds(10 * n))
              if n == 0 {
                _ = "x".withCString { write(writer, $0, 1) }
                _ = await EventLoop.wait(for: reader, .readable, until: nil)
              }
              let same = pthread_equal(pthread_self(), loopThread) != 0
              let current = Runtime.current === runtime && EventLoop.current != nil
              seen.append("\(n) \(runtime.currentThreadName) \(same) \(current)")
            }
          }
        }
      }
    }
    #expect(
      seen.all.sorted() == [
        "0 EventLoop true true", "1 EventLoop true true", "2 EventLoop true true",
      ])
  }

  @Test("a socket wait ends ready when bytes arrive from another thread")
  func readable() throws {
    try withSocketPair { reader, writer in
      let writerThread = Thread {
        usleep(20_000)
        _ = "x".withCString { write(writer, $0, 1) }
      }
      writerThread.start()
      let outcome = try EventLoop().run {
        await EventLoop.wait(for: reader, .readable, until: .now + .seconds(20))
      }
      #expect(outcome == .ready)
    }
  }

  @Test("a socket wait with nothing to read ends at its deadline")
  func timesOut() throws {
    try withSocketPair { reader, _ in
      let outcome = try EventLoop().run {
        await EventLoop.wait(for: reader, .readable, until: .now + .milliseconds(30))
      }
      #expect(outcome == .timedOut)
    }
  }

  @Test("cancelling a task ends its socket wait with cancelled")
  func cancelled() throws {
    try withSocketPair { reader, _ in
      let outcome = try EventLoop().run {
        await withTaskGroup(of: EventLoop.WaitOutcome.self) { group in
          group.addTask { await EventLoop.wait(for: reader, .readable, until: nil) }
          try? await EventLoop.sleep(for: .milliseconds(20))
          group.cancelAll()
          return await group.next() ?? .ready
        }
      }
      #expect(outcome == .cancelled)
    }
  }

  @Test("sleeps end in the order of their deadlines")
  func sleepOrder() throws {
    let order = Recorder<Int>()
    try EventLoop().run {
      await withTaskGroup(of: Void.self) { group in
        for millis in [30, 10, 20] {
          group.addTask {
            try? await EventLoop.sleep(for: .milliseconds(millis))
            order.append(millis)
          }
        }
      }
    }
    #expect(order.all == [10, 20, 30])
  }

  @Test("a continuation resumed on another thread wakes the sleeping loop")
  func wokenFromAnotherThread() throws {
    let value = try EventLoop().run {
      await withCheckedContinuation { (continuation: CheckedContinuation<Int, Never>) in
        Thread {
          usleep(20_000)
          continuation.resume(returning: 42)
        }.start()
      }
    }
    #expect(value == 42)
  }

  @Test("a wakeup wakes its task once; later wakes report that it was used")
  func wakeup() throws {
    let handed = Recorder<EventLoop.Wakeup>()
    let outcome = try EventLoop().run {
      await EventLoop.park(until: nil) { wakeup in
        handed.append(wakeup)
        Thread {
          usleep(10_000)
          wakeup.wake()
        }.start()
      }
    }
    #expect(outcome == .ready)
    #expect(handed.all.first?.wake() == false)
  }

  @Test("a loop runs once, and not on a thread that already runs one")
  func runsOnce() throws {
    let loop = try EventLoop()
    #expect(try loop.run { 1 } == 1)
    #expect(throws: EventLoopError.alreadyRunning) { try loop.run { 2 } }
    let nested = try EventLoop().run { () -> EventLoopError? in
      do {
        _ = try EventLoop().run { 3 }
        return nil
      } catch {
        return error as? EventLoopError
      }
    }
    #expect(nested == .alreadyRunning)
  }

  @Test("code on no loop waits on the background loop")
  func background() async throws {
    #expect(EventLoop.current == nil)
    try await EventLoop.sleep(for: .milliseconds(5))
    let outcome = try await withSocketPairAsync { reader, writer in
      _ = "x".withCString { write(writer, $0, 1) }
      return await EventLoop.wait(for: reader, .readable, until: .now + .seconds(20))
    }
    #expect(outcome == .ready)
  }

  private func withSocketPairAsync<T>(_ body: (Int32, Int32) async throws -> T) async throws -> T {
    var fds: [Int32] = [0, 0]
    guard socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0, &fds) == 0 else {
      throw POSIXError(.EMFILE)
    }
    defer {
      close(fds[0])
      close(fds[1])
    }
    return try await body(fds[0], fds[1])
  }
}
