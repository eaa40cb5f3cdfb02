/// Two-way messages between a parent and a worker process: whole byte arrays, in order.
///
/// What travels is opaque here; the `Futures` process pool puts its encoded jobs and results
/// in. Live, each message crosses a pipe as a 4-byte little-endian length and then the bytes
/// (``PipeChannel``); in a virtual runtime the same framed bytes go through an in-memory pipe,
/// so that whatever crosses the process boundary is really encoded and decoded.
///
///     try channel.send(Array("ping".utf8))
///     let reply = try channel.receive()   // nil once the other side has closed
public protocol MessageChannel: AnyObject, Sendable {
  /// Sends one message. Throws ``WorkerProcessError/inputClosed(_:)`` when the other side is
  /// gone.
  func send(_ message: [UInt8]) throws

  /// The next message, blocking until one arrives; nil once the other side has closed its end
  /// and every message sent before has been received. Call it from one thread at a time.
  func receive() throws -> [UInt8]?
}
