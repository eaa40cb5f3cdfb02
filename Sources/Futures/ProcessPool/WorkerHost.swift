import ConcurrencyRuntime
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// The worker side of a process pool: reads jobs, runs the registered function each names,
/// and writes back its result or error, one job at a time.
///
/// An executable becomes a worker by calling ``run(registry:name:)`` when started for that (the
/// pool starts `lessons worker` by default; a package hosts its own functions the same way):
///
///     // main.swift
///     if CommandLine.arguments.dropFirst().first == "worker" {
///       WorkerHost.run(registry: myWorkerFunctions())
///     }
///
/// Jobs arrive on standard input and results leave on standard output, as framed messages.
/// What a worker function prints goes to standard error instead, so that it cannot garble
/// them. The worker exits with status 0 when its input closes, which is how the pool stops it
/// and what happens when the parent dies: even in the middle of a job, so that no worker
/// outlives its parent (the files it was writing, registered with `TemporaryFiles`, are
/// removed first), and without running a job its parent sent just before it died. Input that
/// is not framed jobs ends it with one line on standard error and status 1, once it has read
/// that far. An error a function throws is sent back with its type name and
/// message (``RemoteError``); an argument or result that cannot be encoded or decoded fails
/// that job only; ``WorkerProcessExit`` ends the process with its status and no answer.
public enum WorkerHost {
  /// Hosts `registry` on standard input and output until the input closes, then exits.
  ///
  /// Input that is not a process pool's stream of jobs (someone typing at it, a file of
  /// something else) ends it with one line on standard error, `NAME: …`, and exit status 1;
  /// `name` is how that line names the worker (`lessons worker`).
  public static func run(registry: WorkerRegistry, name: String = "worker") -> Never {
    // The protocol moves to descriptors of its own; 0 reads nothing and 1 writes to standard
    // error, so a stray `print` lands where a person sees it.
    let input = fcntl(STDIN_FILENO, F_DUPFD_CLOEXEC, 3)
    let output = fcntl(STDOUT_FILENO, F_DUPFD_CLOEXEC, 3)
    guard input >= 0, output >= 0 else {
      StandardStream.error.write("\(name): cannot take over standard input and output\n")
      exit(70)
    }
    let null = open("/dev/null", O_RDONLY)
    if null >= 0 {
      dup2(null, STDIN_FILENO)
      close(null)
    }
    dup2(STDERR_FILENO, STDOUT_FILENO)
    let lifeline = Lifeline()
    exitWhenClosed(input, lifeline: lifeline)
    let channel = PipeChannel(input: input, output: output, name: "the parent")
    let status = serve(channel, registry: registry, charge: nil, lifeline: lifeline) { problem in
      StandardStream.error.write("\(name): \(problem)\n")
    }
    exit(status)
  }

  /// Serves jobs from `channel` until it closes or a job ends the process; returns the exit
  /// status. `charge` takes each job's virtual cost (simulated workers), or nil (live).
  /// `lifeline` (live) is told when a job starts and ends, and stops the worker before a job
  /// if its input has closed. Input that is not jobs is said to `problem` and ends it with 1.
  static func serve(
    _ channel: any MessageChannel, registry: WorkerRegistry, charge: ((Duration) -> Void)?,
    lifeline: Lifeline? = nil, problem: (String) -> Void = { _ in }
  ) -> Int32 {
    while true {
      let message: [UInt8]?
      do {
        message = try channel.receive()
      } catch WorkerProcessError.malformedMessage(let what) {
        problem("not a pool's jobs: \(what)")
        return 1
      } catch {
        problem("\(error)")
        return 1
      }
      guard let message else { return 0 }
      guard let job = try? WorkerMessage.decodeJob(message) else {
        problem("not a pool's jobs: a message that is not a job")
        return 1
      }
      // A parent that has gone wants no more work: not even what it sent before it went.
      if let lifeline, !lifeline.beginJob() { return 0 }
      defer { lifeline?.endJob() }
      let reply: WorkerMessage.Reply
      do {
        guard let entry = registry.entry(named: job.function) else {
          throw UnknownWorkerFunction(name: job.function)
        }
        let call = try entry.prepare(job.argument)
        charge?(call.cost)
        reply = .value(id: job.id, try call.run())
      } catch let exit as WorkerProcessExit {
        return exit.status
      } catch {
        reply = .failure(id: job.id, RemoteFailure(error, function: job.function))
      }
      do { try channel.send(WorkerMessage.encode(reply)) } catch { return 0 }
      if job.last { return 0 }
    }
  }

  /// Whether a live worker is in the middle of a job, and whether its input has closed.
  ///
  /// Once every writer of its input has closed it, a worker in the middle of a job ends at
  /// once (its parent is gone, or broke the pool); between jobs it reads what is left of its
  /// input first, so that a message that is not a job is still reported.
  final class Lifeline: @unchecked Sendable {
    private let lock = NSLock()
    private var busy = false
    private var closed = false

    /// Marks a job begun; false if the input has closed, when the job must not run.
    func beginJob() -> Bool {
      lock.withLock {
        busy = !closed
        return busy
      }
    }

    /// Marks the job done.
    func endJob() { lock.withLock { busy = false } }

    /// Marks the input closed; true if a job is running, which must end with the process.
    func close() -> Bool {
      lock.withLock {
        closed = true
        return busy
      }
    }
  }

  /// Watches `input` from a thread of its own: once every writer has closed it, ends the
  /// process at once if it is in the middle of a job, removing the files it was writing
  /// (``TemporaryFiles``); `poll` with no events still reports a hang-up, and new data does
  /// not wake it. An input that is a file, not a pipe or socket, never hangs up: nothing to
  /// watch.
  private static func exitWhenClosed(_ input: Int32, lifeline: Lifeline) {
    var info = stat()
    guard fstat(input, &info) == 0,
      [S_IFIFO, S_IFSOCK].contains(info.st_mode & S_IFMT)
    else { return }
    let watcher = Thread {
      var watched = pollfd(fd: input, events: 0, revents: 0)
      while true {
        let ready = poll(&watched, 1, -1)
        if ready < 0 && errno == EINTR { continue }
        if ready < 0 || watched.revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0 { break }
      }
      guard lifeline.close() else { return }
      TemporaryFiles.removeAll(grace: .milliseconds(100))
      _exit(0)
    }
    watcher.name = "input watcher"
    watcher.stackSize = 128 * 1024
    watcher.start()
  }
}

/// Whether a worker's main thread is running a job: the input watcher ends the worker on a
/// hang-up only then (between jobs, the main thread meets the end of its input itself).
final class JobActivity: @unchecked Sendable {
  // `running` is guarded by `lock` (an NSLock, which the Thread Sanitizer sees), hence
  // @unchecked Sendable.
  private let lock = NSLock()
  private var running = false

  /// Whether a job runs now.
  var isRunningJob: Bool {
    get { lock.withLock { running } }
    set { lock.withLock { running = newValue } }
  }
}
