/// A worker process started by a runtime (``Runtime/startWorkerProcess(_:)``): messages to
/// its input and from its output, and its life and death.
///
/// Live, it is a real child process whose standard input and output are pipes; virtual, it is
/// a simulated process: a simulated thread of its own, behind in-memory pipes that carry the
/// same framed bytes. Either way a worker must exit when its input closes, which is how it is
/// told to go (``closeInput()``): a simulated one ends at once, a real one hosted by
/// `Futures.WorkerHost` as soon as it notices, even in the middle of a job. Its parent dying
/// closes its input too, so no worker outlives its parent.
///
///     let worker = try runtime.startWorkerProcess(launch)
///     try worker.send(job)
///     let reply = try worker.receive()
///     worker.closeInput()
///     print(worker.waitForExit())   // exited with status 0
public protocol WorkerProcess: MessageChannel {
  /// The name the parent knows it by (`ProcessPoolExecutor-0_1`).
  var name: String { get }

  /// Its process id: the real one live, a stable made-up one in virtual time.
  var pid: Int32 { get }

  /// Closes its input: no more messages can be sent, and the worker exits.
  func closeInput()

  /// Sends it `signal` (`SIGKILL`, `SIGTERM`, …), unless it has already ended. A simulated
  /// process ends at once, killed by that signal.
  func kill(signal: Int32)

  /// Blocks until it has ended and has been reaped, and says how it ended.
  func waitForExit() -> ProcessExit

  /// How it ended, or nil while it runs.
  var exitStatus: ProcessExit? { get }
}

/// How to start a worker process: the executable and arguments a live runtime runs, and what
/// a virtual runtime's simulated process does instead.
///
/// The simulation receives the process's side of the pipes and returns its exit status; it is
/// meant to run the very loop the real worker runs, so that both read and write the same
/// messages:
///
///     let launch = WorkerProcessLaunch(
///       name: "worker-0", executable: "/usr/local/bin/lessons", arguments: ["worker"]
///     ) { channel in
///       while let job = try? channel.receive() { try? channel.send(job) }
///       return 0
///     }
public struct WorkerProcessLaunch: Sendable {
  /// The name of the process, for messages, traces and the simulated thread.
  public var name: String
  /// The executable a live runtime starts: a path, or a name looked up in `PATH`.
  public var executable: String
  /// Its arguments (without the program name).
  public var arguments: [String]
  /// What a simulated process runs, given its side of the pipes; returns its exit status.
  public var simulation: @Sendable (any MessageChannel) -> Int32

  /// A launch with every part given.
  public init(
    name: String, executable: String, arguments: [String],
    simulation: @escaping @Sendable (any MessageChannel) -> Int32
  ) {
    self.name = name
    self.executable = executable
    self.arguments = arguments
    self.simulation = simulation
  }
}
