import ConcurrencyRuntime

/// One worker process of a pool, as the pool sees it.
final class WorkerSlot: @unchecked Sendable {
  enum State {
    /// Waiting for a job.
    case idle
    /// Running `inFlight`.
    case busy
    /// Running its last job (`maxTasksPerChild`), after which it exits.
    case retiring
    /// Told to go (its input closed); its end is expected.
    case stopping
  }

  let name: String
  let process: any WorkerProcess
  // Guarded by the pool's lock.
  var state = State.idle
  var inFlight: JobTicket?
  var spanID: Int?
  /// Jobs sent to it so far.
  var sent = 0

  init(name: String, process: any WorkerProcess) {
    self.name = name
    self.process = process
  }
}
