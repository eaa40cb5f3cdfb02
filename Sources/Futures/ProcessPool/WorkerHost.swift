import ConcurrencyRuntime
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// The worker side of a process pool: reads jobs, runs the registered function each names,
/// and writes back its result or error, one job at a time.
///
/// An executable becomes a worker by calling ``run(registry:)`` when started for that (the
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
/// outlives its parent. An error a function throws is sent back with its type name and
/// message (``RemoteError``); an argument or result that cannot be encoded or decoded fails
/// that job only; ``WorkerProcessExit`` ends the process with its status and no answer.
public enum WorkerHost {
  /// Hosts `registry` on standard input and output until the input closes, then exits.
  public static func run(registry: WorkerRegistry) -> Never {
    // The protocol moves to descriptors of its own; 0 reads nothing and 1 writes to standard
    // error, so a stray `print` lands where a person sees it.
    let input = fcntl(STDIN_FILENO, F_DUPFD_CLOEXEC, 3)
    let output = fcntl(STDOUT_FILENO, F_DUPFD_CLOEXEC, 3)
    guard input >= 0, output >= 0 else {
      StandardStream.error.write("worker: cannot take over standard input and output\n")
      exit(70)
    }
    let null = open("/dev/null", O_RDONLY)
    if null >= 0 {
      dup2(null, STDIN_FILENO)
      close(null)
    }
    dup2(STDERR_FILENO, STDOUT_FILENO)
    let activity = JobActivity()
    exitWhenClosed(input, during: activity)
    let channel = PipeChannel(input: input, output: output, name: "the parent")
    exit(serve(channel, registry: registry, charge: nil, activity: activity))
  }

  /// Serves jobs from `channel` until it closes or a job ends the process; returns the exit
  /// status. `charge` takes each job's virtual cost (simulated workers), or nil (live).
  ///
  /// Input that is not a stream of jobs (garbage, or a message cut short) is one line on
  /// standard error and status 1: a hand-started worker fed the wrong thing says so, rather
  /// than exit 0 as if its work were done. `activity` is told when a job runs (live workers).
  static func serve(
    _ channel: any MessageChannel, registry: WorkerRegistry, charge: ((Duration) -> Void)?,
    activity: JobActivity? = nil
  ) -> Int32 {
    while true {
      let message: [UInt8]?
      do {
        message = try channel.receive()
      } catch {
        StandardStream.error.write("worker: its input is not a stream of jobs (\(error))\n")
        return 1
      }
      guard let message else { return 0 }
      guard let job = try? WorkerMessage.decodeJob(message) else {
        StandardStream.error.write("worker: its input is not a stream of jobs (not a job)\n")
        return 1
      }
      activity?.isRunningJob = true
      defer { activity?.isRunningJob = false }
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

  /// Ends the process as soon as every writer of `input` has closed it while a job runs:
  /// `poll` with no events still reports a hang-up, and new data does not wake it. Between
  /// jobs the main thread reads the end (or the garbage before it) itself, and says so. An
  /// input that is a file, not a pipe or socket, never hangs up: nothing to watch.
  private static func exitWhenClosed(_ input: Int32, during activity: JobActivity) {
    var info = stat()
    guard fstat(input, &info) == 0,
      [S_IFIFO, S_IFSOCK].contains(info.st_mode & S_IFMT)
    else { return }
    let watcher = Thread {
      var watched = pollfd(fd: input, events: 0, revents: 0)
      while true {
        let ready = poll(&watched, 1, -1)
        if ready < 0 && errno == EINTR { continue }
        guard ready < 0 || watched.revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0 else {
          continue
        }
        if activity.isRunningJob { _exit(0) }
        usleep(10_000)
      }
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
