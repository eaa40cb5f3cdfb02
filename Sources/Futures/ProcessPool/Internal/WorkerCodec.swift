import Foundation

/// How arguments and results are encoded to cross a process boundary: JSON, which every
/// `Codable` value can take and a person can read in a pipe.
enum WorkerCodec {
  static func encode<T: Encodable>(_ value: T) throws -> [UInt8] {
    Array(try JSONEncoder().encode(value))
  }

  static func decode<T: Decodable>(_ type: T.Type, from bytes: [UInt8]) throws -> T {
    try JSONDecoder().decode(type, from: Data(bytes))
  }
}
