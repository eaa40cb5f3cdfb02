import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// A real child process started with `posix_spawn`, its standard input and output piped to the
/// parent, reaped by a thread of its own that blocks in `waitpid` (a termination handler, with
/// no polling), so that it never lingers as a zombie.
///
/// Every pipe end the parent keeps is close-on-exec, so no other child inherits one: when the
/// parent dies, the kernel closes the only writing end of the worker's input, and the worker
/// reads the end of it.
final class LiveWorkerProcess: WorkerProcess, @unchecked Sendable {
  let name: String
  let pid: Int32
  private let channel: PipeChannel
  private let trace: Trace
  private let clock: LiveClock
  private let ended = NSCondition()
  // Guarded by `ended`.
  private var status: ProcessExit?

  init(launch: WorkerProcessLaunch, trace: Trace, clock: LiveClock) throws {
    name = launch.name
    self.trace = trace
    self.clock = clock
    var toChild: [Int32] = [-1, -1]
    var fromChild: [Int32] = [-1, -1]
    guard Self.closeOnExecPipe(&toChild) == 0 else {
      throw WorkerProcessError.cannotStart(launch.executable, reason: PipeChannel.reason(errno))
    }
    guard Self.closeOnExecPipe(&fromChild) == 0 else {
      let code = errno
      close(toChild[0])
      close(toChild[1])
      throw WorkerProcessError.cannotStart(launch.executable, reason: PipeChannel.reason(code))
    }
    let spawned = Self.spawn(launch, stdin: toChild[0], stdout: fromChild[1])
    close(toChild[0])
    close(fromChild[1])
    channel = PipeChannel(input: fromChild[0], output: toChild[1], name: launch.name)
    switch spawned {
    case .failure(let error): throw error
    case .success(let pid): self.pid = pid
    }
    let reaper = Thread { [self] in reap() }
    reaper.name = "reaper of \(launch.name)"
    reaper.stackSize = 256 * 1024
    reaper.start()
  }

  var exitStatus: ProcessExit? { ended.withLock { status } }

  func send(_ message: [UInt8]) throws { try channel.send(message) }
  func receive() throws -> [UInt8]? { try channel.receive() }
  func closeInput() { channel.closeOutput() }

  func kill(signal: Int32) {
    // Under the lock the reaper takes to record the end: a reaped pid may belong to another
    // process by now, so it must never be signalled.
    ended.withLock {
      if status == nil { _ = Glibc.kill(pid, signal) }
    }
  }

  func waitForExit() -> ProcessExit {
    ended.lock()
    defer { ended.unlock() }
    if let status { return status }
    let traced = trace.recordsBlocking
    if traced { trace.record(.blocked(.join(name)), at: clock.elapsed) }
    while status == nil { ended.wait() }
    if traced { trace.record(.unblocked, at: clock.elapsed) }
    return status ?? .exited(0)
  }

  private func reap() {
    var raw: Int32 = 0
    var result: Int32
    repeat {
      result = waitpid(pid, &raw, 0)
    } while result < 0 && errno == EINTR
    ended.withLock {
      status = result == pid ? ProcessExit(waitStatus: raw) : .exited(-1)
      ended.broadcast()
    }
  }

  /// `pipe2(fds, O_CLOEXEC)`: both ends close-on-exec from the start, so that a process
  /// another thread starts meanwhile cannot inherit them. Glibc declares `pipe2` only for
  /// `_GNU_SOURCE`, so it is looked up; without it, `pipe` and then `fcntl`.
  private static func closeOnExecPipe(_ fds: inout [Int32]) -> Int32 {
    typealias Pipe2 = @convention(c) (UnsafeMutablePointer<Int32>, Int32) -> Int32
    if let symbol = dlsym(nil, "pipe2") {
      let pipe2 = unsafeBitCast(symbol, to: Pipe2.self)
      return fds.withUnsafeMutableBufferPointer { buffer in
        guard let base = buffer.baseAddress else { return -1 }
        return pipe2(base, O_CLOEXEC)
      }
    }
    guard pipe(&fds) == 0 else { return -1 }
    for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
    return 0
  }

  /// Starts the child with `stdin` and `stdout` as its standard input and output, every signal
  /// unblocked and the usual ones at their default disposition (the parent may hold some off or
  /// ignore them; a worker should die of `SIGPIPE` and `SIGINT` like any program).
  private static func spawn(_ launch: WorkerProcessLaunch, stdin: Int32, stdout: Int32)
    -> Result<Int32, WorkerProcessError>
  {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_adddup2(&actions, stdin, STDIN_FILENO)
    posix_spawn_file_actions_adddup2(&actions, stdout, STDOUT_FILENO)

    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var none = sigset_t()
    sigemptyset(&none)
    posix_spawnattr_setsigmask(&attributes, &none)
    var defaults = sigset_t()
    sigemptyset(&defaults)
    for signal in [SIGPIPE, SIGINT, SIGTERM, SIGHUP, SIGQUIT] { sigaddset(&defaults, signal) }
    posix_spawnattr_setsigdefault(&attributes, &defaults)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

    let argv = ([launch.executable] + launch.arguments).map { strdup($0) }
    let environment = ProcessInfo.processInfo.environment.map { "\($0.key)=\($0.value)" }
    let envp = environment.map { strdup($0) }
    defer {
      for pointer in argv { free(pointer) }
      for pointer in envp { free(pointer) }
    }
    var pid: pid_t = 0
    let status = (argv + [nil]).withUnsafeBufferPointer { arguments in
      (envp + [nil]).withUnsafeBufferPointer { variables -> Int32 in
        guard let arguments = arguments.baseAddress, let variables = variables.baseAddress
        else { return EINVAL }
        let spawn = launch.executable.contains("/") ? posix_spawn : posix_spawnp
        return spawn(&pid, launch.executable, &actions, &attributes, arguments, variables)
      }
    }
    guard status == 0 else {
      return .failure(.cannotStart(launch.executable, reason: PipeChannel.reason(status)))
    }
    return .success(pid)
  }
}
