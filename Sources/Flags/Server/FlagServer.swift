import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The book's flag site as a real HTTP/1.1 server on 127.0.0.1.
///
/// One `Thread` accepts connections and each connection gets a `Thread` of its own that
/// blocks on its socket, which is how the book's Python servers work and why 1000
/// simultaneous clients need nothing clever: a listen backlog of 4096 and a thread each.
/// A thread each also means a client must not hold its thread for as long as it likes, so
/// three total deadlines bound every connection, however slowly its bytes come and go:
/// ``idleTimeout`` to begin a request, ``requestTimeout`` to finish sending it and
/// ``writeTimeout`` to take each response.
/// Behaviour (delays, errors) comes from a ``ServerProfile``; content comes from
/// ``FlagImage``, generated in memory, so there is no directory to escape from.
///
///     let server = FlagServer(profile: ServerProfile(.local), port: 0)
///     try server.start()
///     print(server.baseURL)   // http://127.0.0.1:40537/flags (a free port)
///     // ... GET \(server.baseURL)/ad/ad.gif ...
///     server.stop()
public final class FlagServer: @unchecked Sendable {
  // Mutable state is guarded by `state` (lifecycle) and `wakeUp` (the stop request that
  // interrupts delays), hence @unchecked Sendable.

  /// How this server behaves.
  ///
  /// Fixed for the server's lifetime; its seed makes delays and errors reproducible.
  public let profile: ServerProfile
  /// Whether to log one line per request.
  ///
  /// Lines go to the `log` closure given to the initialiser.
  public let verbose: Bool
  /// How long a connection may wait for the first byte of a request before it is closed.
  ///
  /// Counted from accept, or from the end of the previous response on a kept-alive
  /// connection. An idle connection is closed without a response, as every server does:
  /// the client has asked nothing, and a client that sends a request just as the server
  /// gives up simply sees the connection closed and retries.
  public let idleTimeout: Duration
  /// How long a client has, from the first byte of a request, to send all of it.
  ///
  /// A total deadline for the request head (and any body), not a time-out that restarts
  /// with every byte: a client that sends one byte a second would otherwise hold a
  /// thread for as long as it liked. When it passes, the client gets
  /// `408 Request Timeout` and the connection is closed.
  public let requestTimeout: Duration
  /// How many times faster than its profile says the server waits: a planned delay of 0.5 s
  /// is 50 ms of real time at speed 10.
  ///
  /// What lets a lesson run with `--speed` shrink the server's latency with its own clock,
  /// so that its stamps stay the same. The connection deadlines are not scaled.
  public let speed: Double
  /// How long the server keeps trying to write one response before it closes the connection.
  ///
  /// A total deadline, so a client that never reads (or reads a trickle) cannot hold
  /// a thread by leaving the server's writes blocked.
  public let writeTimeout: Duration

  let log: @Sendable (String) -> Void
  private let requestedPort: UInt16
  private let state = NSCondition()
  private let wakeUp = NSCondition()
  private var phase = Phase.idle
  private var listener: Int32 = -1
  private var boundPort: UInt16 = 0
  private var openConnections: Set<Int32> = []
  private var liveThreads = 0
  private var stopRequested = false

  private enum Phase { case idle, running, stopping, stopped }

  /// Creates a server; nothing is bound until ``start()``.
  ///
  /// - Parameters:
  ///   - profile: LOCAL, DELAY or ERROR behaviour.
  ///   - port: the TCP port on 127.0.0.1; 0 lets the system pick a free one (tests).
  ///   - verbose: log one line per request through `log`.
  ///   - speed: how many times faster than the profile's delays to answer (more than 0).
  ///   - idleTimeout: how long a connection may wait for a request to begin.
  ///   - requestTimeout: how long a request may take to arrive, from its first byte.
  ///   - writeTimeout: how long writing one response may take.
  ///   - log: where log lines go; called from connection threads, so it must be thread-safe.
  public init(
    profile: ServerProfile, port: UInt16, verbose: Bool = false, speed: Double = 1,
    idleTimeout: Duration = .seconds(5), requestTimeout: Duration = .seconds(5),
    writeTimeout: Duration = .seconds(5), log: @escaping @Sendable (String) -> Void = { _ in }
  ) {
    self.profile = profile
    self.requestedPort = port
    self.verbose = verbose
    self.speed = speed.isFinite && speed > 0 ? speed : 1
    self.idleTimeout = idleTimeout
    self.requestTimeout = requestTimeout
    self.writeTimeout = writeTimeout
    self.log = log
  }

  /// The port listened on: the actual one after ``start()``, the requested one before.
  ///
  /// With port 0 requested, read it after `start()` to learn the port chosen.
  public var port: UInt16 {
    state.withLock { phase == .idle ? requestedPort : boundPort }
  }

  /// The base URL clients download from, e.g. `http://127.0.0.1:8001/flags`.
  ///
  /// Flags are at `\(baseURL)/<cc>/<cc>.gif`, with `cc` in lower case as in the book.
  public var baseURL: String { "http://127.0.0.1:\(port)/flags" }

  /// Binds 127.0.0.1, starts listening and starts the accepting thread.
  ///
  /// One process-wide side effect: raises the soft open-file limit to at least 4096 where
  /// the hard limit allows (1000 clients need 1000 descriptors). Signal dispositions are
  /// left alone: every socket write uses `MSG_NOSIGNAL`, so a client that hangs up costs
  /// an `EPIPE` on its own connection, not a `SIGPIPE`, and the command line keeps the
  /// default disposition that ends it quietly when its output pipe closes.
  /// Throws ``FlagServerError/portInUse(_:)`` if the port is taken.
  public func start() throws(FlagServerError) {
    Self.raiseOpenFileLimit(to: 4096)
    state.lock()
    defer { state.unlock() }
    guard phase == .idle else { throw .alreadyStarted }
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
    guard fd >= 0 else { throw .socket(call: "socket", reason: SocketIO.describe(errno)) }
    SocketIO.setFlag(fd, level: SOL_SOCKET, option: SO_REUSEADDR)
    var address = SocketIO.loopback(port: requestedPort)
    let bound = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    if bound != 0 {
      let code = errno
      close(fd)
      if code == EADDRINUSE { throw .portInUse(requestedPort) }
      throw .socket(call: "bind", reason: SocketIO.describe(code))
    }
    guard listen(fd, 4096) == 0 else {
      let code = errno
      close(fd)
      throw .socket(call: "listen", reason: SocketIO.describe(code))
    }
    var actual = sockaddr_in()
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafeMutablePointer(to: &actual) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
    }
    listener = fd
    boundPort = UInt16(bigEndian: actual.sin_port)
    phase = .running
    liveThreads += 1
    let port = boundPort
    let thread = Thread { [self] in
      Self.nameCurrentThread("flags \(port) acc")
      acceptLoop(listener: fd, port: port)
    }
    thread.start()
  }

  /// Starts the server if needed, then blocks until ``stop()`` is called (from another thread).
  ///
  /// What `lessons serve` does on its main thread; a signal handler or another thread
  /// ends it by calling `stop()`.
  public func serveForever() throws(FlagServerError) {
    if state.withLock({ phase == .idle }) { try start() }
    state.lock()
    while phase != .stopped { state.wait() }
    state.unlock()
  }

  /// Stops accepting, cuts open connections and interrupted delays, and waits for every
  /// server thread to finish (at most about 10 seconds).
  ///
  /// Safe to call more than once and from any thread.
  public func stop() {
    wakeUp.withLock {
      stopRequested = true
      wakeUp.broadcast()
    }
    state.lock()
    defer { state.unlock() }
    switch phase {
    case .idle:
      phase = .stopped
      state.broadcast()
      return
    case .stopping, .stopped:
      while phase != .stopped { state.wait() }
      return
    case .running:
      phase = .stopping
    }
    for fd in openConnections { shutdown(fd, Int32(SHUT_RDWR)) }
    let deadline = Date().addingTimeInterval(10)
    while liveThreads > 0 {
      if !state.wait(until: deadline) { break }
    }
    close(listener)
    listener = -1
    phase = .stopped
    state.broadcast()
  }

  /// Sleeps a connection's thread for a planned delay, ``speed`` times faster; `false` if the
  /// server is stopping.
  func pause(for delay: Duration) -> Bool {
    let (seconds, attoseconds) = realDelay(delay).components
    let interval = Double(seconds) + Double(attoseconds) / 1e18
    let deadline = Date().addingTimeInterval(max(interval, 0))
    wakeUp.lock()
    defer { wakeUp.unlock() }
    while !stopRequested {
      if !wakeUp.wait(until: deadline) { break }
    }
    return !stopRequested
  }

  /// The real time that a planned `delay` takes at ``speed``.
  func realDelay(_ delay: Duration) -> Duration { delay / speed }

  private func acceptLoop(listener: Int32, port: UInt16) {
    while state.withLock({ phase == .running }) {
      var ready = pollfd(fd: listener, events: Int16(POLLIN), revents: 0)
      guard poll(&ready, 1, 200) > 0 else { continue }
      var address = sockaddr_in()
      var length = socklen_t(MemoryLayout<sockaddr_in>.size)
      let fd = withUnsafeMutablePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
          accept(listener, $0, &length)
        }
      }
      if fd >= 0 { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
      if fd < 0 {
        if errno == EMFILE || errno == ENFILE { usleep(10_000) }
        continue
      }
      let accepted: Bool? = state.withLock {
        guard phase == .running else { return nil }
        guard openConnections.count < Self.maxConnections else { return false }
        openConnections.insert(fd)
        liveThreads += 1
        return true
      }
      guard let accepted else {
        close(fd)
        break
      }
      guard accepted else {
        // Too many threads already: refuse politely rather than risk failing to spawn one.
        let busy = HTTPResponse.error(503).serialized(keepAlive: false, head: false)
        _ = SocketIO.writeAll(fd, busy, until: .now + .milliseconds(100))
        close(fd)
        continue
      }
      let peer = SocketIO.text(of: address)
      let thread = Thread { [self] in
        Self.nameCurrentThread("flags \(port) con")
        FlagConnection(server: self, fd: fd, peer: peer).run()
        finish(fd)
      }
      thread.stackSize = 512 * 1024
      thread.start()
    }
    state.withLock {
      liveThreads -= 1
      state.broadcast()
    }
  }

  /// Most connections served at once; more are answered `503 Service Unavailable`.
  static let maxConnections = 4000

  /// Names the calling thread as `top -H`, debuggers and `/proc/self/task/*/comm` show it.
  ///
  /// Server threads are named `flags <port> acc` (accepting) and `flags <port> con` (one
  /// per connection), within the 15 bytes Linux allows, so that a server's threads can be
  /// told apart from the rest of the process. Linux only: Glibc's module does not export
  /// `pthread_setname_np`, and Foundation's `Thread.name` did not reliably reach the kernel
  /// for new threads (some kept their creator's name), so the name is written to
  /// `/proc/thread-self/comm`. Failing to name a thread is harmless.
  static func nameCurrentThread(_ name: String) {
    #if os(Linux)
      let fd = open("/proc/thread-self/comm", O_WRONLY | O_CLOEXEC)
      guard fd >= 0 else { return }
      let bytes = Array(name.utf8.prefix(15))
      _ = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
      close(fd)
    #endif
  }

  /// Raises the soft `RLIMIT_NOFILE` to `wanted` (capped by the hard limit) if it is lower.
  static func raiseOpenFileLimit(to wanted: UInt64) {
    var limit = rlimit()
    guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return }
    let target = min(rlim_t(wanted), limit.rlim_max)
    guard limit.rlim_cur < target else { return }
    limit.rlim_cur = target
    _ = setrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
  }

  /// Closes a finished connection under the lock, so `stop()` never shuts down a reused fd.
  private func finish(_ fd: Int32) {
    state.withLock {
      openConnections.remove(fd)
      close(fd)
      liveThreads -= 1
      state.broadcast()
    }
  }
}
