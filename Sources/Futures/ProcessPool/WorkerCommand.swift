import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// How a process pool starts a live worker: an executable and its arguments. The executable
/// must host the pool's worker functions (``WorkerHost/run(registry:name:)``).
///
///     let command = WorkerCommand(executable: "/usr/local/bin/lessons", arguments: ["worker"])
///     WorkerCommand.currentExecutable().arguments   // ["worker"]
public struct WorkerCommand: Sendable, Equatable {
  /// A path, or a name looked up in `PATH`.
  public var executable: String
  /// The arguments, without the program name.
  public var arguments: [String]

  /// A command that runs `executable` with `arguments`.
  public init(executable: String, arguments: [String]) {
    self.executable = executable
    self.arguments = arguments
  }

  /// This very program, started again with `arguments` (by default `worker`): how `lessons`
  /// hosts its own workers.
  public static func currentExecutable(arguments: [String] = ["worker"]) -> WorkerCommand {
    WorkerCommand(executable: currentExecutablePath, arguments: arguments)
  }

  /// The running executable's path, from `/proc/self/exe` (the program name if that fails).
  static let currentExecutablePath: String = {
    var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
    let count = readlink("/proc/self/exe", &buffer, buffer.count - 1)
    guard count > 0 else { return CommandLine.arguments.first ?? "lessons" }
    return String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
  }()
}
