import ConcurrencyRuntime

/// A submitted job as the pool keeps it: its encoded call, and the future it settles. The
/// pool's code is not generic; `TypedJobTicket` knows the result type.
class JobTicket: @unchecked Sendable {
  let id: UInt64
  let function: String
  let argument: [UInt8]
  /// The span's label (`square(7)`), when the trace records spans.
  let label: String?

  init(id: UInt64, function: String, argument: [UInt8], label: String?) {
    self.id = id
    self.function = function
    self.argument = argument
    self.label = label
  }

  /// Pending → running (true); a cancelled future is noted and skipped (false).
  func setRunning() -> Bool { false }
  /// Cancels the future if it has not started.
  func cancel() {}
  /// Fails the future, unless it is already settled.
  func fail(_ error: any Error) {}
  /// Settles the future with a worker's answer.
  func settle(_ reply: WorkerMessage.Reply, worker: String, pid: Int32) {}
}

/// A ticket for a job whose result is an `Output`.
final class TypedJobTicket<Output: Codable & Sendable>: JobTicket, @unchecked Sendable {
  let future: Future<Output>

  init(future: Future<Output>, id: UInt64, function: String, argument: [UInt8], label: String?) {
    self.future = future
    super.init(id: id, function: function, argument: argument, label: label)
  }

  override func setRunning() -> Bool { (try? future.setRunningOrNotifyCancel()) == true }
  override func cancel() { future.cancel() }
  override func fail(_ error: any Error) { try? future.setException(error) }

  override func settle(_ reply: WorkerMessage.Reply, worker: String, pid: Int32) {
    switch reply {
    case .value(_, let bytes):
      let decoded = Result { try WorkerCodec.decode(Output.self, from: bytes) }
      try? future.complete(decoded)
    case .failure(_, let failure):
      try? future.setException(
        RemoteError(
          typeName: failure.typeName, message: failure.message, function: failure.function,
          worker: worker, pid: pid))
    }
  }
}
