import ConcurrencyRuntime

/// The messages between a process pool and its workers. Each is one framed message on the
/// runtime's ``MessageChannel``; the header is a few fixed bytes, the argument or result is
/// the ``WorkerCodec`` encoding.
///
///     job:     1, flags (1 = last job before exiting), id (8 bytes LE), name length (2), name, argument
///     result:  2, id (8), encoded result
///     failure: 3, id (8), encoded ``RemoteFailure``
enum WorkerMessage {
  /// A call for a worker to make.
  struct Job: Equatable {
    var id: UInt64
    var function: String
    /// The worker exits after answering (the pool's `maxTasksPerChild`).
    var last: Bool
    var argument: [UInt8]
  }

  /// A worker's answer to job `id`.
  enum Reply: Equatable {
    case value(id: UInt64, [UInt8])
    case failure(id: UInt64, RemoteFailure)

    var id: UInt64 {
      switch self {
      case .value(let id, _), .failure(let id, _): id
      }
    }
  }

  static func encode(_ job: Job) -> [UInt8] {
    let name = Array(job.function.utf8.prefix(Int(UInt16.max)))
    var bytes: [UInt8] = [1, job.last ? 1 : 0]
    bytes.reserveCapacity(12 + name.count + job.argument.count)
    append(job.id, to: &bytes)
    bytes.append(UInt8(truncatingIfNeeded: name.count))
    bytes.append(UInt8(truncatingIfNeeded: name.count >> 8))
    bytes.append(contentsOf: name)
    bytes.append(contentsOf: job.argument)
    return bytes
  }

  static func decodeJob(_ bytes: [UInt8]) throws -> Job {
    guard bytes.count >= 12, bytes[0] == 1 else { throw malformed("a job") }
    let id = read(bytes, at: 2)
    let length = Int(bytes[10]) | Int(bytes[11]) << 8
    guard bytes.count >= 12 + length else { throw malformed("a job") }
    let function = String(decoding: bytes[12..<12 + length], as: UTF8.self)
    return Job(
      id: id, function: function, last: bytes[1] & 1 != 0,
      argument: Array(bytes[(12 + length)...]))
  }

  static func encode(_ reply: Reply) -> [UInt8] {
    var bytes: [UInt8]
    switch reply {
    case .value(let id, let payload):
      bytes = [2]
      bytes.reserveCapacity(9 + payload.count)
      append(id, to: &bytes)
      bytes.append(contentsOf: payload)
    case .failure(let id, let failure):
      bytes = [3]
      append(id, to: &bytes)
      bytes.append(contentsOf: (try? WorkerCodec.encode(failure)) ?? [])
    }
    return bytes
  }

  static func decodeReply(_ bytes: [UInt8]) throws -> Reply {
    guard bytes.count >= 9 else { throw malformed("an answer") }
    let id = read(bytes, at: 1)
    switch bytes[0] {
    case 2:
      return .value(id: id, Array(bytes[9...]))
    case 3:
      let failure = try WorkerCodec.decode(RemoteFailure.self, from: Array(bytes[9...]))
      return .failure(id: id, failure)
    default:
      throw malformed("an answer")
    }
  }

  private static func append(_ value: UInt64, to bytes: inout [UInt8]) {
    for shift in stride(from: 0, to: 64, by: 8) {
      bytes.append(UInt8(truncatingIfNeeded: value >> UInt64(shift)))
    }
  }

  private static func read(_ bytes: [UInt8], at offset: Int) -> UInt64 {
    var value: UInt64 = 0
    for index in 0..<8 { value |= UInt64(bytes[offset + index]) << UInt64(8 * index) }
    return value
  }

  private static func malformed(_ what: String) -> WorkerProcessError {
    .malformedMessage("not \(what) of the process pool's protocol")
  }
}

/// An error as a worker reports it: its type's name, its message, and the function that threw.
struct RemoteFailure: Codable, Equatable {
  var typeName: String
  var message: String
  var function: String

  init(_ error: any Error, function: String) {
    typeName = String(describing: type(of: error))
    message = String(describing: error)
    self.function = function
  }
}
